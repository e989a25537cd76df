/**
 * What discovery found, said for people and for the editors: which query types the exporters
 * enable (with the reason when not), one report per exporter, and the one-line summary that
 * "Save & test" shows.
 */
import { PROMETHEUS_QUERY_TYPES, type PrometheusQueryType } from '../../../datasource/types';
import type {
  ExporterFindings,
  ExporterId,
  ExporterReport,
  Finding,
  KeplerGeneration,
  QueryTypeSupport,
} from './discovery';

/**
 * The rule for each query type:
 * - namespaceEnergy: Kepler (0.7 or 0.10+), or Scaphandre with --containers, or DCGM with pod
 *   labels (GPU energy only).
 * - processPower: Scaphandre process series.
 * - costVsCarbon: OpenCost, and CPU energy per namespace (Kepler or Scaphandre --containers).
 * - carbonEfficiency: kube-state-metrics (requests), cAdvisor (usage), and CPU energy per namespace.
 * - energyPerUnit: any energy exporter (Kepler, Scaphandre, DCGM); the unit counter is the user's PromQL.
 * - promqlEnergy: always (the user's own PromQL).
 */
export function queryTypeSupport(e: ExporterFindings): Record<PrometheusQueryType, QueryTypeSupport> {
  const keplerName = e.kepler.found ? 'Kepler' : undefined;
  const scaphContainers = e.scaphandre.containers ? 'Scaphandre (--containers)' : undefined;
  const cpuNamespace = [keplerName, scaphContainers].filter((x): x is string => !!x);
  const namespaceEnergy = [...cpuNamespace, ...(e.dcgm.podLabels ? ['DCGM (GPU only)'] : [])];
  const anyEnergy = [
    keplerName,
    e.scaphandre.found ? 'Scaphandre' : undefined,
    e.dcgm.found ? 'DCGM' : undefined,
  ].filter((x): x is string => !!x);
  const CPU_ENERGY = 'a CPU energy exporter (Kepler or Scaphandre --containers)';
  const rule = (by: string[], needs: string[], limit?: string): QueryTypeSupport =>
    needs.length === 0
      ? { available: true, by, ...(limit ? { reason: limit } : {}) }
      : { available: false, by, reason: `${listing(needs)} not found` };

  const support: Record<PrometheusQueryType, QueryTypeSupport> = {
    namespaceEnergy: rule(
      namespaceEnergy,
      namespaceEnergy.length
        ? []
        : ['an energy exporter with namespaces (Kepler, Scaphandre --containers or DCGM with pod labels)'],
      cpuNamespace.length === 0 && e.dcgm.podLabels
        ? 'GPU energy only: no CPU energy exporter (Kepler, Scaphandre --containers) found'
        : undefined
    ),
    processPower: rule(
      e.scaphandre.processes ? ['Scaphandre'] : [],
      e.scaphandre.processes ? [] : [e.scaphandre.found ? 'Scaphandre process series' : 'Scaphandre']
    ),
    costVsCarbon: rule(
      [...(e.opencost.found ? ['OpenCost'] : []), ...cpuNamespace],
      [...(e.opencost.found ? [] : ['OpenCost']), ...(cpuNamespace.length ? [] : [CPU_ENERGY])]
    ),
    carbonEfficiency: rule(
      [
        ...(e.kubeStateMetrics.found ? ['kube-state-metrics'] : []),
        ...(e.cadvisor.found ? ['cAdvisor'] : []),
        ...cpuNamespace,
      ],
      [
        ...(e.kubeStateMetrics.found ? [] : ['kube-state-metrics']),
        ...(e.cadvisor.found ? [] : ['cAdvisor']),
        ...(cpuNamespace.length ? [] : [CPU_ENERGY]),
      ]
    ),
    energyPerUnit: rule(anyEnergy, anyEnergy.length ? [] : ['an energy exporter (Kepler, Scaphandre or DCGM)']),
    promqlEnergy: rule([], []),
  };
  // Keep the declared order, so a new query type without a rule fails the type check here.
  return Object.fromEntries(PROMETHEUS_QUERY_TYPES.map((t) => [t, support[t]])) as Record<
    PrometheusQueryType,
    QueryTypeSupport
  >;
}

/** "a", "a and b", "a, b and c". */
function listing(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * "Kepler 0.9" when the build info says v0.9.0 (each release line while a cluster upgrades),
 * else the generation the metric names tell.
 */
export function keplerName(generation: KeplerGeneration, versions: readonly string[]): string {
  const lines = versions
    .map((v) => /^v?(\d+)\.(\d+)(?:\.|$|-)/.exec(v))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${Number(m[1])}.${Number(m[2])}`);
  return `Kepler ${lines.length > 0 ? [...new Set(lines)].join(', ') : generation}`;
}

export function reports(e: ExporterFindings): ExporterReport[] {
  const report = (id: ExporterId, name: string, finding: Finding, detail?: string): ExporterReport => ({
    id,
    name,
    present: finding.found,
    ...(finding.found && detail ? { detail } : {}),
    evidence: finding.evidence,
  });
  const legacy = e.kepler.generations.includes('0.7');
  const modern = e.kepler.generations.includes('0.10+');
  const scaph = e.scaphandre;
  const { versions } = e.kepler;
  const details = (...parts: Array<string | false>) => parts.filter(Boolean).join(', ') || undefined;
  const versionDetail = (g: KeplerGeneration) => versions[g].length > 0 && `version ${versions[g].join(', ')}`;
  return [
    report(
      'kepler-0.10',
      keplerName('0.10+', versions['0.10+']),
      { found: modern, evidence: e.kepler.evidenceByGeneration['0.10+'] },
      details(e.kepler.zones.length > 0 && `zones ${e.kepler.zones.join(', ')}`, versionDetail('0.10+'))
    ),
    report(
      'kepler-0.7',
      keplerName('0.7', versions['0.7']),
      { found: legacy, evidence: e.kepler.evidenceByGeneration['0.7'] },
      details(!e.kepler.legacyModeLabel && 'no mode label', versionDetail('0.7'))
    ),
    report(
      'scaphandre',
      scaph.generation ? `Scaphandre ${scaph.generation}` : 'Scaphandre',
      scaph,
      [scaph.containers ? '--containers' : '', scaph.version ? `version ${scaph.version}` : '']
        .filter(Boolean)
        .join(', ')
    ),
    report('dcgm', 'DCGM exporter', e.dcgm, e.dcgm.podLabels ? 'with pod labels' : 'no pod labels'),
    report('opencost', 'OpenCost', e.opencost),
    report('kube-state-metrics', 'kube-state-metrics', e.kubeStateMetrics),
    report('cadvisor', 'cAdvisor', e.cadvisor),
    report('node-exporter', 'node_exporter', e.nodeExporter),
  ];
}

export function summarize(
  exporters: ExporterReport[],
  queryTypes: Record<PrometheusQueryType, QueryTypeSupport>
): string {
  const found = exporters.filter((x) => x.present).map((x) => (x.detail ? `${x.name} (${x.detail})` : x.name));
  // Group unavailable query types by what they lack: "Scaphandre not found: processPower needs it".
  const byReason = new Map<string, string[]>();
  for (const [type, support] of Object.entries(queryTypes)) {
    if (!support.available && support.reason) {
      byReason.set(support.reason, [...(byReason.get(support.reason) ?? []), type]);
    }
  }
  const missing = [...byReason].map(
    ([reason, types]) =>
      `${reason}: ${types.join(', ')} need${types.length === 1 ? 's' : ''} ${reason.includes(' and ') ? 'them' : 'it'}`
  );
  const head = found.length ? `${found.join(', ')} found` : 'No power or cost exporter found';
  return [head, ...missing].join('; ') + '.';
}
