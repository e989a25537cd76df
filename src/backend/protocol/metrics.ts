/** The process's own metrics, served to Grafana through CollectMetrics in Prometheus text format. */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'greenops_carbon_' });

export const queriesTotal = new Counter({
  name: 'greenops_carbon_queries_total',
  help: 'Queries answered, by query type and outcome (ok, plugin_error, downstream_error).',
  labelNames: ['query_type', 'outcome'] as const,
  registers: [registry],
});

export const queryDuration = new Histogram({
  name: 'greenops_carbon_query_duration_seconds',
  help: 'Time to answer one query, including frame encoding.',
  labelNames: ['query_type'] as const,
  buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
  registers: [registry],
});

export async function metricsText(): Promise<string> {
  return registry.metrics();
}
