/**
 * One query's conversation with Prometheus: runs instant and range queries on an integration
 * window, remembers every expression sent (for the frames' executedQueryString) and turns
 * Prometheus's own warnings and infos into frame notices. Failures are the client's QueryErrors,
 * passed on untouched (downstream for the plugin's PromQL, a bad query for the user's).
 */
import type { FrameNotice } from '../frames/frame';
import type { PromClient } from '../sources/prometheus';
import type { ExpressionOrigin } from '../sources/prometheus/promErrors';
import { instantSamples, type MatrixSeries, type VectorSample } from '../sources/prometheus/promResponse';
import type { IntegrationWindow } from './integrationWindow';
import { PrometheusNotices } from './prometheusNotices';

export class PromRun {
  readonly sent: string[] = [];
  readonly #notices: FrameNotice[] = [];
  readonly #prometheus = new PrometheusNotices((n) => this.#notices.push(n));

  constructor(readonly client: PromClient) {}

  /** Instant query at the window's end; a scalar becomes one sample without labels, a string fails. */
  async instant(expr: string, w: IntegrationWindow, origin: ExpressionOrigin = 'plugin'): Promise<VectorSample[]> {
    this.sent.push(expr);
    const response = await this.client.query(expr, w.endMs, { origin });
    this.#prometheus.take(response);
    return instantSamples(response.data, origin);
  }

  /** Range query over [startMs, endMs] at the window's step (the point at startMs included). */
  async range(expr: string, w: IntegrationWindow, origin: ExpressionOrigin = 'plugin'): Promise<MatrixSeries[]> {
    this.sent.push(expr);
    const response = await this.client.queryRange(expr, w.startMs, w.endMs, w.stepMs, { origin });
    this.#prometheus.take(response);
    return response.data.series;
  }

  /** Prometheus's warnings and infos, once each, at most MAX_PROMETHEUS_NOTICES (see PrometheusNotices). */
  get notices(): FrameNotice[] {
    return [...this.#notices];
  }

  /** Every expression sent, one per line. */
  get executed(): string {
    return this.sent.join('\n\n');
  }
}

/** A series' labels without `__name__`, as a stable key (label order does not matter). */
export function labelKey(labels: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(labels)
      .filter((k) => k !== '__name__')
      .sort()
      .map((k) => [k, labels[k]])
  );
}

/** Labels without `__name__`. */
export function withoutName(labels: Record<string, string>): Record<string, string> {
  const { __name__: _name, ...rest } = labels;
  return rest;
}
