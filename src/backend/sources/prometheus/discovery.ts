/**
 * Which power and cost exporters a Prometheus holds, which generation, with the evidence, and the
 * query types that enables. Two rounds of requests: one `__name__` values call for every metric of
 * interest, then, concurrently, one label call per family found (zones, `mode`, Scaphandre's
 * container labels, DCGM's pod labels, Kepler's build-info versions) and Scaphandre's version.
 * Label calls read the index only, never samples, so this stays cheap on a large Prometheus.
 */
import type { PrometheusQueryType } from '../../../datasource/types';
import type { PromClient } from './promClient';
import { cadvisor, dcgm, kepler010, kepler07, kubeStateMetrics, nodeExporter, opencost, scaphandre } from './exporters';
import { queryTypeSupport, reports, summarize } from './discoveryReport';
import { matcherIn, promDuration } from './promql';
import { instantSamples } from './promResponse';

export const DEFAULT_DISCOVERY_WINDOW_MS = 3_600_000;

/** Every metric discovery asks for, in one `__name__` call. */
const WANTED: readonly string[] = [
  kepler07.metrics.containerJoules,
  kepler010.metrics.podCpuJoules,
  kepler010.metrics.nodeCpuJoules,
  ...scaphandre.detectedBy,
  scaphandre.metrics.selfVersion,
  ...dcgm.detectedBy,
  ...opencost.detectedBy,
  ...kubeStateMetrics.detectedBy,
  ...cadvisor.detectedBy,
  // Node CPU and network: the evidence zombieInstances judges idle nodes and instances by.
  ...nodeExporter.detectedBy,
  // Kepler 0.7's per-component node counters: its equivalent of 0.10's zones.
  ...kepler07.components.map(kepler07.nodeComponentJoules),
  // The release each generation reports (0.8 and 0.9 share 0.7's metrics).
  kepler07.metrics.buildInfo,
  kepler010.metrics.buildInfo,
];

export type KeplerGeneration = '0.7' | '0.10+';

export interface Finding {
  found: boolean;
  /** What was seen: the metric names found, then details such as `zone values: dram, package`. */
  evidence: string[];
}

export interface KeplerFinding extends Finding {
  /** Both while a cluster migrates. */
  generations: KeplerGeneration[];
  /** 0.10+ `zone` values; they overlap, so queries read one zone. */
  zones: string[];
  /** 0.7: components with a node counter (kepler07.nodeComponentJoules). */
  legacyComponents: kepler07.Component[];
  /** 0.7: `mode` (dynamic/idle) on container series. */
  legacyModeLabel: boolean;
  /**
   * Release tags the build-info series give per generation (`0.7` holds 0.7.11 to 0.9.x; 0.7.10
   * and older print an empty version): empty when unknown, and the generation names the release.
   */
  versions: Record<KeplerGeneration, string[]>;
  evidenceByGeneration: Record<KeplerGeneration, string[]>;
}

export interface ScaphandreFinding extends Finding {
  generation?: '1.x' | '0.x';
  /** The version gauge as exported (v1.0.2 exports 1.02). */
  version?: string;
  /** Run with --containers: process series carry the Kubernetes labels (scaphandre.runsWithContainers). */
  containers: boolean;
  processes: boolean;
}

export interface DcgmFinding extends Finding {
  energyCounter: boolean;
  /** namespace/pod labels (the exporter's Kubernetes pod mapping). */
  podLabels: boolean;
  /** How the pod labels arrived (dcgm.podLabelPrefixOf). */
  podLabelPrefix?: dcgm.PodLabelPrefix;
  /** Some GPUs are split into MIG instances (GPU_I_PROFILE labels). */
  mig: boolean;
}

/** One exporter looked for, as the editors list it (src/datasource/resources.ts reads this shape). */
export interface ExporterReport {
  id: ExporterId;
  name: string;
  present: boolean;
  /** e.g. "zones dram, package", "--containers, version 1.02". */
  detail?: string;
  evidence: string[];
}

export type ExporterId =
  | 'kepler-0.10'
  | 'kepler-0.7'
  | 'scaphandre'
  | 'dcgm'
  | 'opencost'
  | 'kube-state-metrics'
  | 'cadvisor'
  | 'node-exporter';

export interface QueryTypeSupport {
  available: boolean;
  /** The exporters it would read. */
  by: string[];
  /** Why it is unavailable (what is missing), or a limit when it is available. */
  reason?: string;
}

export interface ExporterFindings {
  kepler: KeplerFinding;
  scaphandre: ScaphandreFinding;
  dcgm: DcgmFinding;
  opencost: Finding;
  kubeStateMetrics: Finding;
  cadvisor: Finding;
  nodeExporter: Finding;
}

export interface ExporterDiscovery {
  range: { fromMs: number; toMs: number };
  /** Every exporter looked for, present or not, for display. */
  exporters: ExporterReport[];
  queryTypes: Record<PrometheusQueryType, QueryTypeSupport>;
  /** Typed findings, for query modules choosing metrics and labels. */
  findings: ExporterFindings;
  /** One line for "Save & test", e.g. "Kepler 0.10+ (zones dram, package), OpenCost found; …". */
  summary: string;
  /** Prometheus requests made. */
  requests: number;
}

export interface DiscoveryRange {
  fromMs: number;
  toMs: number;
}

export async function discoverExporters(
  client: PromClient,
  range?: DiscoveryRange,
  signal?: AbortSignal
): Promise<ExporterDiscovery> {
  const toMs = range?.toMs ?? Date.now();
  const fromMs = range?.fromMs ?? toMs - DEFAULT_DISCOVERY_WINDOW_MS;
  const window = { startMs: fromMs, endMs: toMs, signal };
  let requests = 0;
  const names = async (): Promise<Set<string>> => {
    requests++;
    const response = await client.labelValues('__name__', [`{${matcherIn('__name__', WANTED)}}`], window);
    return new Set(response.data);
  };
  const labelNamesOf = async (metrics: string[]): Promise<Set<string>> => {
    requests++;
    return new Set((await client.labelNames(metrics, window)).data);
  };
  const labelValuesOf = async (label: string, metrics: string[]): Promise<string[]> => {
    requests++;
    return [...(await client.labelValues(label, metrics, window)).data].sort();
  };
  const scaphandreVersion = async (): Promise<number | undefined> => {
    requests++;
    const expr = `max(last_over_time(${scaphandre.metrics.selfVersion}[${promDuration(Math.max(toMs - fromMs, 1000))}]))`;
    const [sample] = instantSamples((await client.query(expr, toMs, { signal })).data, 'plugin');
    return sample?.value;
  };

  const present = await names();
  const has = (metric: string) => present.has(metric);
  const keplerModern = kepler010.detectedBy.filter(has);
  const dcgmMetrics = dcgm.detectedBy.filter(has);
  const legacyMetric = kepler07.metrics.containerJoules;
  const processMetric = scaphandre.metrics.processPower;
  const buildVersions = async (metric: string, label: string): Promise<string[]> =>
    has(metric) ? (await labelValuesOf(label, [metric])).filter((v) => v !== '') : [];
  const [zones, legacyLabels, scaphLabels, version, dcgmLabels, legacyVersions, modernVersions] = await Promise.all([
    keplerModern.length > 0 ? labelValuesOf(kepler010.labels.zone, keplerModern) : [],
    has(legacyMetric) ? labelNamesOf([legacyMetric]) : new Set<string>(),
    has(processMetric) ? labelNamesOf([processMetric]) : new Set<string>(),
    has(scaphandre.metrics.selfVersion) ? scaphandreVersion() : undefined,
    dcgmMetrics.length > 0 ? labelNamesOf(dcgmMetrics) : new Set<string>(),
    buildVersions(kepler07.metrics.buildInfo, kepler07.labels.version),
    buildVersions(kepler010.metrics.buildInfo, kepler010.labels.version),
  ]);

  const simple = (metrics: readonly string[]): Finding => ({
    found: metrics.some(has),
    evidence: metrics.filter(has),
  });
  const findings: ExporterFindings = {
    kepler: keplerFinding(has, keplerModern, zones, legacyLabels, { '0.7': legacyVersions, '0.10+': modernVersions }),
    scaphandre: scaphandreFinding(has, scaphLabels, version),
    dcgm: dcgmFinding(dcgmMetrics, has(dcgm.metrics.energy), dcgmLabels),
    opencost: simple(opencost.detectedBy),
    kubeStateMetrics: simple(kubeStateMetrics.detectedBy),
    cadvisor: simple(cadvisor.detectedBy),
    nodeExporter: simple(nodeExporter.detectedBy),
  };
  const exporters = reports(findings);
  const queryTypes = queryTypeSupport(findings);
  return {
    range: { fromMs, toMs },
    exporters,
    queryTypes,
    findings,
    summary: summarize(exporters, queryTypes),
    requests,
  };
}

function keplerFinding(
  has: (m: string) => boolean,
  modern: string[],
  zones: string[],
  legacyLabels: Set<string>,
  buildVersions: Record<KeplerGeneration, string[]>
): KeplerFinding {
  const legacy = kepler07.detectedBy.some(has);
  const legacyComponents = kepler07.components.filter((c) => has(kepler07.nodeComponentJoules(c)));
  const modeLabel = legacyLabels.has(kepler07.labels.mode);
  // A build info without the generation's energy series names no generation found.
  const versions = {
    '0.7': legacy ? buildVersions['0.7'] : [],
    '0.10+': modern.length > 0 ? buildVersions['0.10+'] : [],
  };
  const versionEvidence = (metric: string, found: string[]) =>
    found.length > 0 ? [`${metric} version ${found.join(', ')}`] : [];
  const modernEvidence = [
    ...modern,
    ...(zones.length > 0 ? [`zone values: ${zones.join(', ')}`] : []),
    ...versionEvidence(kepler010.metrics.buildInfo, versions['0.10+']),
  ];
  const legacyEvidence = legacy
    ? [`${kepler07.metrics.containerJoules} ${modeLabel ? 'with' : 'without'} mode label`]
    : [];
  if (legacyComponents.length > 0) {
    legacyEvidence.push(`node components: ${legacyComponents.join(', ')}`);
  }
  legacyEvidence.push(...versionEvidence(kepler07.metrics.buildInfo, versions['0.7']));
  return {
    found: legacy || modern.length > 0,
    generations: [...(legacy ? ['0.7' as const] : []), ...(modern.length > 0 ? ['0.10+' as const] : [])],
    zones,
    legacyComponents,
    legacyModeLabel: modeLabel,
    versions,
    evidence: [...modernEvidence, ...legacyEvidence],
    evidenceByGeneration: { '0.10+': modernEvidence, '0.7': legacyEvidence },
  };
}

function scaphandreFinding(
  has: (m: string) => boolean,
  processLabels: Set<string>,
  version: number | undefined
): ScaphandreFinding {
  const metrics = scaphandre.detectedBy.filter(has);
  const containers = scaphandre.runsWithContainers(processLabels);
  const processes = has(scaphandre.metrics.processPower);
  const evidence = [...metrics];
  if (processes) {
    evidence.push(
      containers
        ? `${scaphandre.labels.namespace} on process series (--containers)`
        : 'no container labels on process series'
    );
  }
  const known = version !== undefined && Number.isFinite(version);
  if (known) {
    evidence.push(`${scaphandre.metrics.selfVersion} ${version}`);
  }
  return {
    found: metrics.length > 0,
    ...(known ? { version: String(version), generation: scaphandre.generationOf(version) } : {}),
    containers,
    processes,
    evidence,
  };
}

function dcgmFinding(metrics: string[], energyCounter: boolean, labels: Set<string>): DcgmFinding {
  const prefix = dcgm.podLabelPrefixOf(labels);
  const attributions = dcgm.podAttributionsIn(labels);
  return {
    found: metrics.length > 0,
    energyCounter,
    podLabels: attributions.length > 0,
    ...(prefix !== undefined ? { podLabelPrefix: prefix } : {}),
    mig: labels.has(dcgm.labels.migProfile),
    evidence: [
      ...metrics,
      ...attributions.map((a) => `${a.namespace} and ${a.pod} labels`),
      ...(labels.has(dcgm.labels.migProfile) ? [`${dcgm.labels.migProfile} labels (MIG)`] : []),
    ],
  };
}
