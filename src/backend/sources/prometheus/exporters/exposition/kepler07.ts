/**
 * Kepler 0.7.x as it prints (checked at v0.7.12: pkg/metrics/*, pkg/config/types.go): one energy
 * counter per component for containers and nodes, each with `mode` dynamic/idle and a constant
 * `source`; the container total (package + dram + other + gpu) with an empty `source`; pseudo
 * containers for host processes and kernel threads; the node name in the node series' own
 * `instance` label. Kepler 0.8.0 and 0.9.0 print the same families and labels (pkg/metrics
 * unchanged but for internal calls), so they are this description with another build info.
 */
import { type Component, labels, metrics, modes, nodeComponentJoules, pseudoPods } from '../kepler07';
import { family, type FamilyDescription, type LabelPairs, type ScrapeDefaults } from './family';

export const KEPLER07_SCRAPE: ScrapeDefaults = { job: 'kepler', port: 9102 };

/** Release tags the fixtures print, with their commits (`git rev-parse <tag>^{commit}`). */
export const KEPLER07_RELEASES = {
  'v0.7.10': '54f3613ea76d50ac4bff3a830f1d69e4ffa5c513',
  'v0.7.12': '3eb6297d872453f3cb52c0596ed5bd05315fed3b',
  'v0.8.0': 'bfae0a73afbd53f895b3be7643eb0c95ecd6e94f',
  'v0.9.0': '9c21c99bccab65a77aaa2c7a984765a58aa8c187',
} as const;
export type Kepler07Release = keyof typeof KEPLER07_RELEASES;
export const KEPLER07_VERSION: Kepler07Release = 'v0.7.12';

/**
 * Up to v0.7.10 the build info is prometheus/common's version collector
 * (pkg/metrics/prometheus_collector.go: `version.NewCollector("kepler_exporter")`), whose
 * `version` Kepler never set (its Makefile sets pkg/version.Version): the label is empty. From
 * v0.7.11 (#1525, cmd/exporter/exporter.go) Kepler prints its own, with the release tag.
 */
function ownBuildInfo(version: Kepler07Release): boolean {
  return version !== 'v0.7.10';
}

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

const COMMON_BUILD_INFO = family(
  metrics.buildInfo,
  "A metric with a constant '1' value labeled by version, revision, branch, goversion from which kepler_exporter was built, and the goos and goarch for the build."
);
const OWN_BUILD_INFO = family(
  metrics.buildInfo,
  "A metric with a constant '1' value labeled by version, revision, branch, os and arch from which kepler_exporter was built."
);

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
  buildInfo: (version: Kepler07Release) => (ownBuildInfo(version) ? OWN_BUILD_INFO : COMMON_BUILD_INFO),
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
  /**
   * Sorted by name (ConstLabels). Release images are built from a tag checkout: `git rev-parse
   * --abbrev-ref HEAD` is `HEAD`, the revision the full commit. prometheus/common's collector
   * takes the revision Go stamps (vcs.revision) and the `-tags` build setting (comma-joined
   * GO_BUILD_TAGS) and leaves branch and version empty.
   */
  build: (arch: string, version: Kepler07Release): LabelPairs =>
    ownBuildInfo(version)
      ? [
          ['arch', arch],
          ['branch', 'HEAD'],
          ['os', 'linux'],
          ['revision', KEPLER07_RELEASES[version]],
          [labels.version, version],
        ]
      : [
          ['branch', ''],
          ['goarch', arch],
          ['goos', 'linux'],
          ['goversion', 'go1.21.12'],
          ['revision', KEPLER07_RELEASES[version]],
          [
            'tags',
            'include_gcs,include_oss,containers_image_openpgp,gssapi,providerless,netgo,osusergo,libbpf,linux,gpu',
          ],
          [labels.version, ''],
        ],
};
