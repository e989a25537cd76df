/**
 * Kepler 0.7.x as it prints (checked at v0.7.12: pkg/metrics/*, pkg/config/types.go): one energy
 * counter per component for containers and nodes, each with `mode` dynamic/idle and a constant
 * `source`; the container total (package + dram + other + gpu) with an empty `source`; pseudo
 * containers for host processes and kernel threads; the node name in the node series' own
 * `instance` label.
 */
import { type Component, labels, metrics, modes, nodeComponentJoules, pseudoPods } from '../kepler07';
import { family, type FamilyDescription, type LabelPairs, type ScrapeDefaults } from './family';

export const KEPLER07_SCRAPE: ScrapeDefaults = { job: 'kepler', port: 9102 };

/** The components in the order Kepler 0.7 exports them. */
export const KEPLER07_COMPONENTS: readonly Component[] = [
  'package',
  'core',
  'uncore',
  'dram',
  'other',
  'platform',
  'gpu',
];

export type Kepler07Mode = (typeof modes)[keyof typeof modes];
export const KEPLER07_MODES: readonly Kepler07Mode[] = [modes.dynamic, modes.idle];

/** The `source` label of a component's counters. */
export function componentSource(c: Component): string {
  return c === 'platform' ? 'acpi' : c === 'gpu' ? 'nvidia' : 'rapl-sysfs';
}

function energyFamily(level: 'container' | 'node', c: Component | 'total'): FamilyDescription {
  if (c === 'total') {
    return family(metrics.containerJoules, 'Aggregated value in joules value from ', 'counter');
  }
  const name =
    level === 'node'
      ? nodeComponentJoules(c)
      : c === 'gpu'
        ? metrics.containerGpuJoules
        : `kepler_container_${c}_joules_total`;
  return family(name, `Aggregated value in ${c} value from ${componentSource(c)}`, 'counter');
}

/** One object per family, built once (the fixtures group samples by family identity). */
const CONTAINER_FAMILIES = Object.fromEntries(
  [...KEPLER07_COMPONENTS, 'total' as const].map((c) => [c, energyFamily('container', c)])
) as Record<Component | 'total', FamilyDescription>;
const NODE_FAMILIES = Object.fromEntries(KEPLER07_COMPONENTS.map((c) => [c, energyFamily('node', c)])) as Record<
  Component,
  FamilyDescription
>;

export const KEPLER07 = {
  container: (c: Component | 'total') => CONTAINER_FAMILIES[c],
  node: (c: Component) => NODE_FAMILIES[c],
  cpuTime: family(
    'kepler_container_bpf_cpu_time_ms_total',
    'Aggregated value in bpf_cpu_time_ms value from bpf',
    'counter'
  ),
  nodeInfo: family('kepler_node_info', 'Labeled node information'),
  buildInfo: family(
    'kepler_exporter_build_info',
    "A metric with a constant '1' value labeled by version, revision, branch, goversion from which kepler_exporter was built, and the goos and goarch for the build."
  ),
};

/** The pseudo containers of host processes and kernel threads, each in its own namespace. */
export const KEPLER07_PSEUDO_CONTAINERS: ReadonlyArray<{ name: string; namespace: string }> = [
  { name: pseudoPods[0], namespace: 'system' },
  { name: pseudoPods[1], namespace: 'kernel' },
];

export const KEPLER07_LABELS = {
  container: (containerId: string, pod: string, name: string, namespace: string): LabelPairs => [
    ['container_id', containerId],
    [labels.pod, pod],
    ['container_name', name],
    [labels.namespace, namespace],
  ],
  /** A container's energy series: the total has an empty source (written, dropped on ingest). */
  containerEnergy: (container: LabelPairs, mode: Kepler07Mode, c: Component | 'total'): LabelPairs => [
    ...container,
    [labels.mode, mode],
    ['source', c === 'total' ? '' : componentSource(c)],
  ],
  cpuTime: (container: LabelPairs): LabelPairs => [...container, ['source', 'bpf']],
  /** The node name in `instance`, which Prometheus renames when the target's `instance` wins. */
  nodeEnergy: (node: string, mode: Kepler07Mode, c: Component): LabelPairs => [
    ['package', c === 'platform' ? 'energy1' : '0'],
    [labels.target, node],
    [labels.mode, mode],
    ['source', componentSource(c)],
  ],
  nodeInfo: (platform: boolean): LabelPairs => [
    ['cpu_architecture', 'Cascade Lake'],
    ['components_power_source', 'rapl-sysfs'],
    ['platform_power_source', platform ? 'acpi' : ''],
    ['source', 'os'],
  ],
  build: (arch: string): LabelPairs => [
    ['branch', ''],
    ['goarch', arch],
    ['goos', 'linux'],
    ['goversion', 'go1.21.12'],
    ['revision', ''],
    ['tags', ''],
    ['version', 'v0.7.12'],
  ],
};
