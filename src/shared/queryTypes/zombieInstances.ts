/** zombieInstances: idle cloud instances, Kubernetes nodes, abandoned workloads and unused volumes, with what they waste. */
import { z } from 'zod';

import { re2Problem } from '../re2';
import { RECOMMENDATION_FORMATS, ZOMBIE_KINDS, ZOMBIE_SOURCES } from '../vocabulary';
import { column, defineQueryType } from './definition';
import { join, list, methodologyText, namespacesText } from './displayText';
import { methodologyField } from './fields';

/** Defaults of the zombie thresholds (AWS Compute Optimizer's idle rule: peak CPU < 5 %, network < 5 MB/day, 14 days). */
export const ZOMBIE_DEFAULTS = { windowDays: 14, cpuPeakPercent: 5, networkMBPerDay: 5 } as const;
/** Days of evidence one query may ask for. */
export const MAX_WINDOW_DAYS = 90;
export const MAX_CPU_PEAK_PERCENT = 100;
export const MAX_NETWORK_MB_PER_DAY = 1_000_000;

const ZOMBIE_SOURCE_NAMES: Record<string, string> = { awsCostExplorer: 'Cost Explorer', prometheus: 'Prometheus' };

const uniqueList = <T extends string>(values: readonly [T, ...T[]], what: string) =>
  z
    .array(z.enum(values, { errorMap: () => ({ message: `${what} must be among ${values.join(', ')}` }) }), {
      invalid_type_error: `${what} must be a list`,
    })
    .optional()
    .transform((items) => (items && items.length > 0 ? [...new Set(items)] : undefined));

/** Namespace regexes, which Prometheus applies: checked for RE2 and as JavaScript. */
const namespaceRegexes = z
  .array(z.string().min(1, 'a namespace regex cannot be empty'), {
    invalid_type_error: 'namespaces must be a list of regexes',
  })
  .optional()
  .superRefine((items, ctx) => {
    (items ?? []).forEach((re, i) => {
      const problem = re2Problem(re);
      const message = problem ? `The regex for namespace ${problem}` : jsRegexProblem(re);
      if (message) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i], message: `"${re}": ${message}` });
      }
    });
  })
  .transform((items) => (items && items.length > 0 ? items : undefined));

function jsRegexProblem(re: string): string | undefined {
  try {
    new RegExp(re);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

const positive = (name: string, max: number) =>
  z
    .number({ invalid_type_error: `${name} must be a number` })
    .gt(0, `${name} must be greater than 0`)
    .max(max, `${name} must be at most ${max}`);

const schema = z.object({
  queryType: z.literal('zombieInstances'),
  /** Sources to read; every configured source when absent or empty. */
  sources: uniqueList(ZOMBIE_SOURCES, 'sources'),
  /** Kinds to return; all when absent or empty. */
  kinds: uniqueList(ZOMBIE_KINDS, 'kinds'),
  /** Days of Prometheus evidence ending at the range's end (Cost Explorer uses its own 14-day lookback). */
  windowDays: z
    .number({ invalid_type_error: 'windowDays must be a number of days' })
    .int('windowDays must be a whole number of days')
    .min(1, 'windowDays must be at least 1')
    .max(MAX_WINDOW_DAYS, `windowDays must be at most ${MAX_WINDOW_DAYS}`)
    .default(ZOMBIE_DEFAULTS.windowDays),
  /** Idle when peak CPU stays under this percent of the instance's cores or of the workload's request. */
  cpuPeakPercent: positive('cpuPeakPercent', MAX_CPU_PEAK_PERCENT).default(ZOMBIE_DEFAULTS.cpuPeakPercent),
  /** Idle when network in + out stays under this many MB per day. */
  networkMBPerDay: positive('networkMBPerDay', MAX_NETWORK_MB_PER_DAY).default(ZOMBIE_DEFAULTS.networkMBPerDay),
  /** Converts cloud instances to energy and CO2e. */
  methodology: methodologyField,
  /** Regex on namespaces for workloads, PVs and terminated workloads. */
  namespaces: namespaceRegexes,
  /** `table`: one row per finding; `summary`: one row per kind for stats and alerts. */
  format: z.enum(RECOMMENDATION_FORMATS).default('table'),
});

export const zombieInstances = defineQueryType(schema)({
  family: 'recommendations',
  label: 'Idle resources (zombies)',
  description:
    'Idle cloud instances, Kubernetes nodes, abandoned workloads and unused volumes (AWS Cost Explorer, ' +
    'Prometheus), with the cost, kWh and CO2e they waste per month',
  // No sources, kinds or thresholds: the backend reads every configured source with its defaults, so the
  // query keeps working when sources are added later.
  defaults: () => ({ queryType: 'zombieInstances', methodology: 'greenops', format: 'table' }),
  columns: [
    column('count', 'Idle resources per kind (format summary)'),
    column('monthlyCost', 'Cost wasted per month'),
    column('monthlyKWh', 'Facility kWh wasted per month (IT energy × PUE)'),
    column('monthlyKgCO2e', 'kg CO2e wasted per month'),
    column('monthlyKgCO2eLow', 'kg CO2e per month, low end (format table)'),
    column('monthlyKgCO2eHigh', 'kg CO2e per month, high end (format table)'),
    column('windowKWh', 'Facility kWh in the evidence window, IT energy × PUE (format table)'),
    column('windowKgCO2e', 'kg CO2e in the evidence window (format table)'),
    column('peakCpuPercent', 'Peak CPU % (format table)'),
    column('avgCpuPercent', 'Mean CPU % (format table)'),
    column('networkBytesPerDay', 'Network bytes per day (format table)'),
    column('windowDays', 'Days of evidence (format table)'),
    column('idleDays', 'Days idle (format table)'),
  ],
  displayText: (q) =>
    join(
      'Zombie instances',
      q.kinds?.length ? list(q.kinds) : 'all kinds',
      q.sources?.length ? list(q.sources.map((s) => ZOMBIE_SOURCE_NAMES[s] ?? s)) : 'all sources',
      `CPU < ${q.cpuPeakPercent ?? ZOMBIE_DEFAULTS.cpuPeakPercent} %, network < ${q.networkMBPerDay ?? ZOMBIE_DEFAULTS.networkMBPerDay} MB/day over ${q.windowDays ?? ZOMBIE_DEFAULTS.windowDays} d`,
      namespacesText(q.namespaces),
      methodologyText(q.methodology),
      q.format ?? 'table'
    ),
});
