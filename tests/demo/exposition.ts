/** A small parser of the Prometheus text format, written for the demo tests (independent of prom-client). */
export interface Series {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseExposition(text: string): Series[] {
  const out: Series[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) {
      continue;
    }
    const m = LINE.exec(line);
    if (!m) {
      throw new Error(`not a sample line: ${line}`);
    }
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) {
      labels[l[1]] = l[2].replace(/\\"/g, '"').replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
    }
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}

/** `name{sorted labels}`: one series' identity. */
export function seriesKey(s: Pick<Series, 'name' | 'labels'>): string {
  return `${s.name}{${Object.keys(s.labels)
    .sort()
    .map((k) => `${k}=${s.labels[k]}`)
    .join(',')}}`;
}

export function byKey(series: Series[]): Map<string, Series> {
  return new Map(series.map((s) => [seriesKey(s), s]));
}

/** ∫ f over [a, b] by the midpoint rule with `n` panels. */
export function midpointIntegral(f: (t: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += f(a + (i + 0.5) * h);
  }
  return acc * h;
}
