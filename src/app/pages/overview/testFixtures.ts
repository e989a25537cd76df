/**
 * Test fixtures (not bundled): backend answers as Grafana passes them on. Frames carry the field names, units and
 * notices of src/backend/queries (cloudEmissions, namespaceEnergy, zombieFrames); the discovery has the shape of
 * src/backend/sources/prometheus/discovery.ts for a cluster with Kepler 0.10, DCGM, OpenCost, kube-state-metrics
 * and cAdvisor but no Scaphandre.
 */
import { tableFrame } from '../shared/testFrames';

const KG = { unit: 'suffix: kgCO2e' };
const USD = { unit: 'currencyUSD' };
const J_PER_KWH = 3_600_000;

export const CLOUD_AWS_ROWS = [{ provider: 'aws', co2e: 412.37, co2e_low: 301.2, co2e_high: 530.9, cost: 9876.54 }];
export const CLOUD_FOCUS_ROWS = [
  { provider: 'aws', co2e: 120.5, co2e_low: 88.1, co2e_high: 151.2, cost: 2410.1 },
  { provider: 'azure', co2e: 35.25, co2e_low: 27.9, co2e_high: 44.7, cost: 512.33 },
  { provider: 'gcp', co2e: 8.75, co2e_low: 6.2, co2e_high: 11.4, cost: 190.0 },
];
const energyRow = (namespace: string, joules: number, cpu = joules) => ({
  namespace,
  energy: joules,
  kWh: joules / J_PER_KWH,
  cpu,
});
export const K8S_ENERGY_ROWS = [
  energyRow('shop', 151_200_000),
  energyRow('ml', 97_920_000, 30_240_000),
  energyRow('kube-system', 12_600_000),
];
/** Grams; `batch` runs on a node whose region is unknown, so it has no CO2e. */
export const K8S_CO2E_ROWS = [
  { namespace: 'shop', co2e: 14_532, kWh: 42, energy: 151_200_000, region: 'eu-west-1', gridFactor: 346 },
  { namespace: 'ml', co2e: 9_411.2, kWh: 27.2, energy: 97_920_000, region: 'eu-west-1', gridFactor: 346 },
  { namespace: 'batch', co2e: null, kWh: 3.5, energy: 12_600_000, region: '', gridFactor: null },
];
export const IDLE_SUMMARY_ROWS = [
  { kind: 'cloudInstance', count: 2, monthlyCost: 280.32, monthlyKWh: 50.6, monthlyKgCO2e: 17.8 },
  { kind: 'kubernetesNode', count: 1, monthlyCost: 0, monthlyKWh: 18.4, monthlyKgCO2e: 5.2 },
  { kind: 'workload', count: 3, monthlyCost: 37.5, monthlyKWh: 9.3, monthlyKgCO2e: 1.2 },
  { kind: 'volume', count: 1, monthlyCost: 4, monthlyKWh: 0.6, monthlyKgCO2e: 0.1 },
  { kind: 'terminatedWorkload', count: 0, monthlyCost: 0, monthlyKWh: 0, monthlyKgCO2e: 0 },
];

const METHODOLOGY = {
  severity: 'info' as const,
  text: 'Estimated with the GreenOps methodology (CCF with its known errors corrected; see docs/methodology.md).',
};
export const CURRENCY_WARNING = {
  severity: 'warning' as const,
  text: 'Costs are in several currencies (USD, EUR) and were summed without conversion.',
};

/** Each headline's result as /api/ds/query answers it, by refId. */
export const RESULTS = {
  cloudAws: {
    status: 200,
    frames: [
      tableFrame('cloudAws', CLOUD_AWS_ROWS, {
        name: 'cloudEmissions',
        config: { co2e: KG, co2e_low: KG, co2e_high: KG, cost: USD },
        notices: [METHODOLOGY],
      }),
    ],
  },
  cloudFocus: {
    status: 200,
    frames: [
      tableFrame('cloudFocus', CLOUD_FOCUS_ROWS, {
        name: 'cloudEmissions',
        config: { co2e: KG, co2e_low: KG, co2e_high: KG, cost: USD },
        notices: [METHODOLOGY, CURRENCY_WARNING],
      }),
    ],
  },
  k8sEnergy: {
    status: 200,
    frames: [
      tableFrame('k8sEnergy', K8S_ENERGY_ROWS, {
        name: 'namespaceEnergy',
        config: { energy: { unit: 'joule' }, kWh: { unit: 'kwatth' }, cpu: { unit: 'joule' } },
      }),
    ],
  },
  k8sCo2e: {
    status: 200,
    frames: [
      tableFrame('k8sCo2e', K8S_CO2E_ROWS, {
        name: 'namespaceEnergy',
        config: { co2e: { unit: 'massg' }, kWh: { unit: 'kwatth' }, energy: { unit: 'joule' } },
      }),
    ],
  },
  idleWaste: {
    status: 200,
    frames: [
      tableFrame('idleWaste', IDLE_SUMMARY_ROWS, {
        name: 'zombieInstances',
        config: { monthlyCost: USD, monthlyKWh: { unit: 'kwatth' }, monthlyKgCO2e: KG },
      }),
    ],
  },
};

const rule = (available: boolean, by: string[], reason?: string) => ({ available, by, ...(reason ? { reason } : {}) });

/** The `exporters` resource route's answer. */
export const DISCOVERY = {
  range: { fromMs: 1_700_000_000_000, toMs: 1_700_604_800_000 },
  exporters: [
    {
      id: 'kepler-0.10',
      name: 'Kepler 0.10+',
      present: true,
      detail: 'zones dram, package',
      evidence: ['kepler_node_cpu_joules_total', 'kepler_pod_cpu_joules_total', 'zone values: dram, package'],
    },
    { id: 'kepler-0.7', name: 'Kepler 0.7', present: false, evidence: [] },
    { id: 'scaphandre', name: 'Scaphandre', present: false, evidence: [] },
    {
      id: 'dcgm',
      name: 'DCGM exporter',
      present: true,
      detail: 'with pod labels',
      evidence: ['DCGM_FI_DEV_POWER_USAGE', 'DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION', 'namespace and pod labels'],
    },
    { id: 'opencost', name: 'OpenCost', present: true, evidence: ['node_cpu_hourly_cost', 'container_cpu_allocation'] },
    {
      id: 'kube-state-metrics',
      name: 'kube-state-metrics',
      present: true,
      evidence: ['kube_pod_container_resource_requests', 'kube_node_labels'],
    },
    { id: 'cadvisor', name: 'cAdvisor', present: true, evidence: ['container_cpu_usage_seconds_total'] },
  ],
  queryTypes: {
    namespaceEnergy: rule(true, ['Kepler', 'DCGM (GPU only)']),
    processPower: rule(false, [], 'Scaphandre not found'),
    costVsCarbon: rule(true, ['OpenCost', 'Kepler']),
    carbonEfficiency: rule(true, ['kube-state-metrics', 'cAdvisor', 'Kepler']),
    energyPerUnit: rule(true, ['Kepler', 'DCGM']),
    promqlEnergy: rule(true, []),
  },
  summary:
    'Kepler 0.10+ (zones dram, package), DCGM exporter (with pod labels), OpenCost, kube-state-metrics, cAdvisor found; ' +
    'Scaphandre not found: processPower needs it.',
  requests: 4,
};
