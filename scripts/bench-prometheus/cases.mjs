/**
 * The query catalogue of scripts/bench-prometheus.mjs: every Prometheus query type and resource
 * route the plugin has, each run over the whole range of the large fixture (zombieInstances over
 * its 14-day evidence window ending there), with its request parameters.
 *
 * `kind: 'query'` runs `handler` on `query`; `kind: 'resource'` calls the resource route `route`
 * (src/backend/queries/resources/kubernetesLists.ts) with `params` (from/to added by the bench).
 * `scanDays`: the days a scan of the case's series must cover (default: the query range).
 */

/** The plugin may take at most this many times the raw PromQL time. */
export const TARGET = 1.3;
/** Any case slower than this on the 1,000-pod week is reworked (issue 12). */
export const SLOW_MS = 5000;
export const INTERVAL_MS = 600_000;
export const MAX_DATA_POINTS = 1000;

const energy = (groupBy) => ({
  id: `energy-${groupBy}`,
  label: `namespaceEnergy energy by ${groupBy}`,
  kind: 'query',
  handler: 'namespaceEnergyHandler',
  query: { queryType: 'namespaceEnergy', groupBy, metric: 'energy' },
});

const route = (name, fn, params = {}) => ({
  id: `route-${name}`,
  label: `resource ${name}`,
  kind: 'resource',
  route: fn,
  path: name,
  params,
});

export const CASES = [
  energy('namespace'),
  energy('pod'),
  energy('workload'),
  energy('node'),
  {
    id: 'power',
    label: 'namespaceEnergy power by namespace, maxDataPoints 1000',
    kind: 'query',
    handler: 'namespaceEnergyHandler',
    query: { queryType: 'namespaceEnergy', groupBy: 'namespace', metric: 'power' },
  },
  {
    id: 'cost',
    label: 'costVsCarbon by namespace',
    kind: 'query',
    handler: 'costVsCarbonHandler',
    query: { queryType: 'costVsCarbon', groupBy: 'namespace' },
    goalMs: 3000,
  },
  {
    id: 'process-power',
    label: 'processPower power, top 10',
    kind: 'query',
    handler: 'processPowerHandler',
    query: { queryType: 'processPower', metric: 'power' },
  },
  {
    id: 'process-energy',
    label: 'processPower energy, top 10',
    kind: 'query',
    handler: 'processPowerHandler',
    query: { queryType: 'processPower', metric: 'energy' },
  },
  {
    id: 'efficiency',
    label: 'carbonEfficiency',
    kind: 'query',
    handler: 'carbonEfficiencyHandler',
    query: { queryType: 'carbonEfficiency' },
  },
  {
    id: 'per-unit',
    label: 'energyPerUnit by namespace over CPU-seconds',
    kind: 'query',
    handler: 'energyPerUnitHandler',
    query: {
      queryType: 'energyPerUnit',
      scope: 'namespace',
      unitQuery: 'sum(container_cpu_usage_seconds_total{container!=""})',
      unitName: 'CPU-second',
    },
  },
  {
    id: 'promql',
    label: 'promqlEnergy, watts per namespace',
    kind: 'query',
    handler: 'promqlEnergyHandler',
    query: {
      queryType: 'promqlEnergy',
      unit: 'watts',
      expr: 'sum by (pod_namespace) (rate(kepler_pod_cpu_joules_total{zone="package"}[10m]))',
    },
  },
  {
    id: 'zombies',
    label: 'zombieInstances, Prometheus, 14-day window',
    kind: 'query',
    handler: 'zombieInstancesHandler',
    query: { queryType: 'zombieInstances', sources: ['prometheus'], windowDays: 14 },
    scanDays: 14,
  },
  route('namespaces', 'listNamespaces'),
  route('nodes', 'listNodes'),
  route('workloads', 'listWorkloads'),
  route('processes', 'listProcesses'),
];
