/**
 * One short readable line per query, for Explore's query history and the query inspector, e.g.
 * "Cloud emissions · FOCUS · co2e, energy by service, region · daily". A Record over QueryType, so a
 * new query type does not compile until it has a line. Queries saved by hand or by older versions
 * may lack fields their type requires: every part copes with a missing value.
 */
import {
  BillingFilters,
  BillingSource,
  CarbonQuery,
  CloudEmissionsQuery,
  CloudRecommendationsQuery,
  CloudTrendQuery,
  EnergyPerUnitQuery,
  GridIntensityQuery,
  NamespaceEnergyQuery,
  ProcessPowerQuery,
  PromqlEnergyQuery,
  QueryType,
  ZombieInstancesQuery,
  ZOMBIE_DEFAULTS,
} from './types';

const SEP = ' · ';
/** Long PromQL and regexes are cut here: the line is a reminder, the query itself is one click away. */
const MAX_EXPRESSION = 60;

const SOURCE_NAMES: Record<BillingSource, string> = { awsCostExplorer: 'AWS Cost Explorer', focus: 'FOCUS' };
const ZOMBIE_SOURCE_NAMES: Record<string, string> = { awsCostExplorer: 'Cost Explorer', prometheus: 'Prometheus' };
const RECOMMENDATION_NAMES: Record<string, string> = { regionSwitch: 'region switch', rightsizing: 'rightsizing' };

const list = (values?: readonly string[]) => (values ?? []).filter((v) => v !== '').join(', ');
const join = (...parts: Array<string | undefined | false>) => parts.filter((p): p is string => Boolean(p)).join(SEP);
const sourceName = (source?: string) => (source ? (SOURCE_NAMES[source as BillingSource] ?? source) : undefined);
const methodology = (m?: string) => (m === 'ccf' ? 'CCF method' : undefined);
const namespaces = (ns?: string[]) => (ns?.length ? `namespaces ${list(ns)}` : undefined);

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_EXPRESSION ? `${flat.slice(0, MAX_EXPRESSION - 1)}…` : flat;
}

function filters(f?: BillingFilters): string | undefined {
  const part = (name: string, values?: string[]) => (values?.length ? `${name} ${list(values)}` : undefined);
  return join(part('regions', f?.regions), part('services', f?.services), part('accounts', f?.accounts)) || undefined;
}

type Texts = { [T in QueryType]: (query: Extract<CarbonQuery, { queryType: T }>) => string };

const TEXTS: Texts = {
  gridIntensity: (q: GridIntensityQuery) =>
    join(
      'Grid intensity',
      q.provider ?? 'all providers',
      q.regions?.length ? list(q.regions) : 'all regions',
      q.format
    ),
  cloudEmissions: (q: CloudEmissionsQuery) =>
    join(
      'Cloud emissions',
      sourceName(q.source),
      `${list(q.metrics) || 'no metric'}${q.groupBy?.length ? ` by ${list(q.groupBy)}` : ''}`,
      q.granularity ?? 'auto',
      methodology(q.methodology),
      filters(q.filters)
    ),
  cloudTrend: (q: CloudTrendQuery) =>
    join('Cloud trend', sourceName(q.source), 'vs previous period', methodology(q.methodology), filters(q.filters)),
  namespaceEnergy: (q: NamespaceEnergyQuery) =>
    join(
      'Kubernetes energy',
      `${q.metric ?? 'energy'} by ${q.groupBy ?? 'namespace'}`,
      namespaces(q.namespaces),
      q.workloads?.length ? `workloads ${list(q.workloads)}` : undefined,
      q.idlePower && q.idlePower !== 'exclude' ? `idle power ${q.idlePower}` : undefined,
      q.zone && q.zone !== 'package' ? `zone ${q.zone}` : undefined
    ),
  processPower: (q: ProcessPowerQuery) =>
    join(
      'Process power',
      q.metric ?? 'power',
      `top ${q.topN ?? 10}`,
      q.exe && `exe ${shorten(q.exe)}`,
      q.cmdline && `cmdline ${shorten(q.cmdline)}`,
      namespaces(q.namespaces)
    ),
  costVsCarbon: (q) => join('Cost vs carbon', `by ${q.groupBy ?? 'namespace'}`, namespaces(q.namespaces)),
  carbonEfficiency: (q) => join('Carbon efficiency', namespaces(q.namespaces) ?? 'all namespaces'),
  energyPerUnit: (q: EnergyPerUnitQuery) =>
    join(
      'Energy per unit',
      `${q.scope ?? 'namespace'} ${q.selector ? shorten(q.selector) : '(no selector)'}`,
      `per ${q.unitName || 'unit'}`,
      q.unitQuery ? shorten(q.unitQuery) : 'no unit query'
    ),
  promqlEnergy: (q: PromqlEnergyQuery) =>
    join(
      'PromQL energy',
      q.unit ?? 'watts',
      q.expr ? shorten(q.expr) : 'no expression',
      q.region && `region ${q.provider ? `${q.provider}:` : ''}${q.region}`
    ),
  zombieInstances: (q: ZombieInstancesQuery) =>
    join(
      'Zombie instances',
      q.kinds?.length ? list(q.kinds) : 'all kinds',
      q.sources?.length ? list(q.sources.map((s) => ZOMBIE_SOURCE_NAMES[s] ?? s)) : 'all sources',
      `CPU < ${q.cpuPeakPercent ?? ZOMBIE_DEFAULTS.cpuPeakPercent} %, network < ${q.networkMBPerDay ?? ZOMBIE_DEFAULTS.networkMBPerDay} MB/day over ${q.windowDays ?? ZOMBIE_DEFAULTS.windowDays} d`,
      namespaces(q.namespaces),
      methodology(q.methodology),
      q.format ?? 'table'
    ),
  cloudRecommendations: (q: CloudRecommendationsQuery) =>
    join(
      'Cloud recommendations',
      q.kinds?.length ? list(q.kinds.map((k) => RECOMMENDATION_NAMES[k] ?? k)) : 'all kinds',
      sourceName(q.source),
      methodology(q.methodology),
      filters(q.filters),
      q.format ?? 'table'
    ),
};

/** The line for `query`; the query type itself for a type this frontend does not know (a newer backend's). */
export function queryDisplayText(query: CarbonQuery): string {
  const text = TEXTS[query.queryType] as ((q: CarbonQuery) => string) | undefined;
  const line = text ? text(query) : String(query.queryType ?? 'Unknown query');
  // Two queries differing only in their single value field return different numbers: say which.
  return query.valueField ? join(line, `value ${query.valueField}`) : line;
}
