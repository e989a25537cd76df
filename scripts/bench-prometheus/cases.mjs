/**
 * The query catalogue of scripts/bench-prometheus.mjs: each case is one plugin handler and the query
 * it runs over the whole range of the large fixture, plus the request parameters and the target.
 */

/** The plugin may take at most this many times the raw PromQL time. */
export const TARGET = 1.3;
export const INTERVAL_MS = 600_000;
export const MAX_DATA_POINTS = 1000;

export const CASES = [
  {
    id: 'energy',
    label: 'namespaceEnergy energy by namespace',
    handler: 'namespaceEnergyHandler',
    query: { queryType: 'namespaceEnergy', groupBy: 'namespace', metric: 'energy' },
  },
  {
    id: 'power',
    label: 'namespaceEnergy power by namespace, maxDataPoints 1000',
    handler: 'namespaceEnergyHandler',
    query: { queryType: 'namespaceEnergy', groupBy: 'namespace', metric: 'power' },
  },
  {
    id: 'cost',
    label: 'costVsCarbon by namespace',
    handler: 'costVsCarbonHandler',
    query: { queryType: 'costVsCarbon', groupBy: 'namespace' },
  },
];
