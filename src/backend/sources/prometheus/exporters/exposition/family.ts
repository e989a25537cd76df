/**
 * What each exporter prints, described once for the two emulations that print it: the test
 * fixtures (tests/fixtures/exporters: every scrape as Prometheus stores it, fed to promtool) and
 * the demo exporter (demo/exporter: a live /metrics and its backfill). The backend never imports
 * this folder; it imports metric names from the exporter modules next to it, so a name the
 * backend reads is spelled once.
 *
 * A family is its name, HELP and TYPE as the exporter writes them. Label sets are pairs in
 * declaration order. Exporters built on client_golang print labels sorted by name: the fixtures
 * sort them (goSorted) as they print, while the demo (prom-client) prints them in the order given
 * here, after the target's labels; label sets the demo prints sorted are given sorted already.
 */
export type MetricType = 'counter' | 'gauge';

export interface FamilyDescription {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
}

export type LabelPairs = ReadonlyArray<readonly [string, string]>;

export function family(name: string, help: string, type: MetricType = 'gauge'): FamilyDescription {
  return { name, help, type };
}

/** Sorted by label name, as client_golang prints them. */
export function goSorted(labels: LabelPairs): LabelPairs {
  return [...labels].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Where Prometheus scrapes an exporter by default: its job name and port. */
export interface ScrapeDefaults {
  job: string;
  port: number;
}
