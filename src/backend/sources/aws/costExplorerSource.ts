/**
 * AWS Cost Explorer as a billing source: GetCostAndUsage, read through the paged, cached call of
 * costExplorerPages.ts, because every request (every page) costs USD 0.01. What is asked and why
 * is in costExplorerRequest.ts.
 */
import { GetCostAndUsageCommand, type GetCostAndUsageCommandInput } from '@aws-sdk/client-cost-explorer';
import type { AwsSettings } from '../../../datasource/types';
import { badQuery } from '../../core/errors';
import type { DatasourceInstance } from '../../core/instance';
import type { BillingRequest, BillingResult, BillingSourceClient, SourceHealth } from '../billingSource';
import { UsageAggregator } from '../usageAggregator';
import { costExplorerError, isAbort, NotCostExplorerAnswer, type ErrorContext } from './costExplorerErrors';
import {
  noRequests,
  pagedOperation,
  readAllPages,
  requestCostNotice,
  retryNotice,
  USD_PER_REQUEST,
} from './costExplorerPages';
import { planQueries, USAGE_RECORD_TYPES } from './costExplorerRequest';
import { addCostAndUsagePage, emptyConversionStats, notCostAndUsage, type CostAndUsagePage } from './costExplorerRows';
import { CostExplorerConnection, type CostExplorerConnectionOptions } from './costExplorerConnection';
import { withThrottleRetry } from './throttleRetry';
import { awsConnectionFromSettings } from './credentials';

const COST_AND_USAGE = pagedOperation<GetCostAndUsageCommandInput, CostAndUsagePage>({
  name: 'GetCostAndUsage',
  // A runaway guard: a real query needs a handful of pages.
  maxPages: 200,
  cachedPages: 500,
  async send(client, input, signal) {
    const out = await client.send(new GetCostAndUsageCommand(input), { abortSignal: signal });
    const wrong = notCostAndUsage(out);
    if (wrong) {
      throw new NotCostExplorerAnswer('GetCostAndUsage', wrong); // not cached, not retried
    }
    return { ResultsByTime: out.ResultsByTime, NextPageToken: out.NextPageToken };
  },
  tooManyPages: (pages) =>
    badQuery(`Cost Explorer kept paginating (over ${pages} pages): narrow the time range or filters.`),
});

export interface CostExplorerSourceOptions extends CostExplorerConnectionOptions {
  /** Clock for "today" (epoch ms; default the instance's); tests pin it. */
  now?: () => number;
}

export class CostExplorerSource implements BillingSourceClient {
  readonly hourlyAvailable: boolean;
  readonly #instance: DatasourceInstance;
  readonly #aws: AwsSettings | undefined;
  readonly #options: CostExplorerSourceOptions;
  #connection: CostExplorerConnection | undefined;

  constructor(instance: DatasourceInstance, options: CostExplorerSourceOptions = {}) {
    this.#instance = instance;
    this.#aws = instance.settings.jsonData.aws;
    this.#options = options;
    this.hourlyAvailable = this.#aws?.hourlyEnabled === true;
  }

  async fetchUsage(request: BillingRequest): Promise<BillingResult> {
    const aws = this.#awsSettings();
    if (request.granularity === 'hourly' && !aws.hourlyEnabled) {
      throw badQuery(
        'Hourly Cost Explorer data is off for this datasource: enable hourly granularity in Cost Explorer preferences (it is billed separately and covers the last 14 days), then switch on "Hourly data" in the datasource settings; or choose daily granularity.'
      );
    }
    const connection = this.#conn();
    const plan = planQueries(request, this.#now());
    const aggregator = new UsageAggregator(request.granularity);
    const stats = emptyConversionStats();
    const counts = noRequests();
    try {
      for (const query of plan.queries) {
        for (const page of await readAllPages(connection, COST_AND_USAGE, query.input, counts, request.signal)) {
          addCostAndUsagePage(page, query.account, aggregator, stats);
        }
      }
    } catch (error) {
      throw costExplorerError(error, this.#errorContext());
    }
    const notices = [...plan.notices, requestCostNotice('Cost Explorer', counts)];
    const retried = retryNotice('Cost Explorer', counts);
    if (retried) {
      notices.push(retried);
    }
    if (stats.mixedUnitGroups > 0) {
      notices.push(
        `Cost Explorer returned ${stats.mixedUnitGroups} group(s) with mixed units (unit "N/A"): their usage amount cannot be converted to energy.`
      );
    }
    if (stats.estimatedPeriods.size > 0) {
      notices.push(
        `Cost Explorer marks ${stats.estimatedPeriods.size} period(s) as estimated (from ${[...stats.estimatedPeriods].sort()[0]}): recent figures still change.`
      );
    }
    if (stats.badAmounts > 0) {
      notices.push(
        `Cost Explorer returned ${stats.badAmounts} amount(s) that are not numbers; they were counted as 0.`
      );
    }
    const rows = aggregator.rows();
    if (rows.length === 0 && plan.queries.length > 0) {
      notices.push(
        `Cost Explorer: no usage for this range and filters: ${stats.periods} period(s) answered, none with a usage group (record types ${USAGE_RECORD_TYPES.join(', ')}).`
      );
    }
    return { rows, notices, requests: counts.requests, cachedRequests: counts.cached };
  }

  /** One uncached GetCostAndUsage for yesterday: proves credentials, endpoint and ce:GetCostAndUsage. */
  async checkHealth(): Promise<SourceHealth> {
    try {
      const client = this.#conn().client();
      const today = new Date(this.#now()).toISOString().slice(0, 10);
      const yesterday = new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10);
      const out = await withThrottleRetry(
        () =>
          client.send(
            new GetCostAndUsageCommand({
              TimePeriod: { Start: yesterday, End: today },
              Granularity: 'DAILY',
              Metrics: ['AmortizedCost'],
            })
          ),
        this.#conn().retryOptions(undefined, () => undefined)
      );
      const wrong = notCostAndUsage(out);
      if (wrong) {
        throw new NotCostExplorerAnswer('GetCostAndUsage', wrong);
      }
      const total = out.ResultsByTime?.[0]?.Total?.AmortizedCost;
      const amount = total?.Amount ? `${Number(total.Amount).toFixed(2)} ${total.Unit ?? 'USD'}` : 'no cost';
      return {
        ok: true,
        message: `Cost Explorer answered with ${this.#authDescription()}: ${amount} amortized on ${yesterday}. This check made 1 request (USD ${USD_PER_REQUEST.toFixed(2)}).`,
      };
    } catch (error) {
      const mapped = costExplorerError(error, this.#errorContext());
      return { ok: false, message: isAbort(mapped) ? 'The health check was cancelled.' : mapped.message };
    }
  }

  #awsSettings(): AwsSettings {
    if (!this.#aws) {
      throw badQuery(
        'AWS Cost Explorer is not configured: choose an AWS authentication type in the datasource settings.'
      );
    }
    return this.#aws;
  }

  /** Throws badQuery when Cost Explorer is not configured. */
  #conn(): CostExplorerConnection {
    this.#awsSettings();
    this.#connection ??= new CostExplorerConnection(this.#instance, this.#options);
    return this.#connection;
  }

  #errorContext(): ErrorContext {
    return this.#aws ? this.#conn().errorContext() : { endpoint: '', redact: [] };
  }

  #authDescription(): string {
    const connection = awsConnectionFromSettings(this.#instance.settings);
    if (connection.assumeRoleArn) {
      return `the role ${connection.assumeRoleArn}`;
    }
    switch (connection.authType) {
      case 'keys':
        return 'the saved access keys';
      case 'credentials':
        return `the credentials file profile ${connection.profile ?? 'default'}`;
      case 'ec2_iam_role':
        return "the EC2 instance's IAM role";
      default:
        return "the Grafana server's default AWS credentials";
    }
  }

  #now(): number {
    return (this.#options.now ?? this.#instance.now)();
  }
}

export function createCostExplorerSource(
  instance: DatasourceInstance,
  options?: CostExplorerSourceOptions
): BillingSourceClient {
  return new CostExplorerSource(instance, options);
}
