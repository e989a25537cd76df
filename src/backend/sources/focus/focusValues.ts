/**
 * Cell values of FOCUS exports as they come from CSV (strings, `NULL` for null) or Parquet (typed
 * values, Dates, bigints), turned into what a usage row needs.
 */

/** A value that is not a number or a date where one is required: the row is skipped and counted. */
export class BadValue extends Error {}

/** The text of a cell, or undefined for null, empty and the string `NULL`. */
export function text(value: unknown): string | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  const s = typeof value === 'string' ? value : String(value);
  return s === '' || s === 'NULL' ? undefined : s;
}

/** A Parquet number as it is (INT64 columns decode as bigint); undefined for any other value. */
function typedNumber(value: unknown): number | undefined {
  return typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : undefined;
}

/** A decimal cell; undefined for null; BadValue when it is not a finite number. */
export function decimal(value: unknown, column: string): number | undefined {
  const typed = typedNumber(value);
  if (typed !== undefined) {
    return typed;
  }
  const s = text(value);
  if (s === undefined) {
    return undefined;
  }
  const n = Number(s);
  if (!Number.isFinite(n) || s.trim() === '') {
    throw new BadValue(`${column} "${s.slice(0, 40)}" is not a number`);
  }
  return n;
}

// `2024-09-18 22:00:00` (the FOCUS sample), ISO 8601 with `T`, fractions and a zone; no zone = UTC.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses FOCUS date-times. Written out rather than Date.parse, which reads a zone-less date-time
 * in the server's local zone; exports are UTC. Remembers the last string: consecutive rows of an
 * export share their ChargePeriodStart.
 */
export class TimeParser {
  #last = '';
  #lastValue = NaN;

  parse(value: unknown, column: string): number {
    if (value instanceof Date) {
      return value.getTime();
    }
    const typed = typedNumber(value);
    if (typed !== undefined) {
      return typed;
    }
    const s = text(value);
    if (s === undefined) {
      throw new BadValue(`${column} is empty`);
    }
    if (s === this.#last) {
      return this.#lastValue;
    }
    const m = DATE_TIME.exec(s.trim());
    const ms = m ? utcMillis(m) : NaN;
    if (!Number.isFinite(ms)) {
      throw new BadValue(`${column} "${s.slice(0, 40)}" is not a date-time`);
    }
    this.#last = s;
    this.#lastValue = ms;
    return ms;
  }
}

function utcMillis(m: RegExpExecArray): number {
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = ''] = m;
  const month = Number(mo) - 1;
  const day = Number(d);
  const base = Date.UTC(
    Number(y),
    month,
    day,
    Number(h),
    Number(mi),
    Number(sec),
    Number(frac.padEnd(3, '0').slice(0, 3))
  );
  const check = new Date(base);
  // Reject 2024-02-31 and friends, which Date.UTC would roll over.
  if (check.getUTCMonth() !== month || check.getUTCDate() !== day || Number(h) > 23 || Number(mi) > 59) {
    return NaN;
  }
  const offset = /^[+-]/.test(zone) ? zoneMinutes(zone) : 0;
  return base - offset * 60_000;
}

function zoneMinutes(zone: string): number {
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return zone[0] === '-' ? -minutes : minutes;
}

const PROVIDERS: ReadonlyArray<[RegExp, string]> = [
  [/^(aws|amazon)\b/i, 'aws'],
  [/^(microsoft|azure)\b/i, 'azure'],
  [/^(google|gcp)\b/i, 'gcp'],
  [/^(oracle|oci)\b/i, 'oci'],
];

/** `AWS`, `Amazon Web Services, Inc.` → aws; Microsoft/Azure → azure; Google → gcp; Oracle → oci. */
export function normaliseProvider(name: string): string {
  for (const [pattern, id] of PROVIDERS) {
    if (pattern.test(name.trim())) {
      return id;
    }
  }
  return name.trim().toLowerCase();
}

/** A region id (`us-sanjose-1`), as opposed to a display name (`US West (Oregon)`). */
export function looksLikeRegionId(name: string): boolean {
  return /^[a-z]{2,}[a-z0-9-]*\d?$/.test(name) && !/\s/.test(name);
}

/** Instance type and vCPUs from Azure `x_SkuDetails` or FOCUS `SkuPriceDetails` JSON. */
export function skuDetails(json: string): { instanceType?: string; vCpus?: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return {};
  }
  if (!parsed || typeof parsed !== 'object') {
    return {};
  }
  const o = parsed as Record<string, unknown>;
  const pick = (...keys: string[]) => keys.map((k) => o[k]).find((v) => v !== undefined && v !== null && v !== '');
  const type = pick('InstanceType', 'x_InstanceType', 'VMSize', 'ServiceType');
  const cpus = Number(pick('VCPUs', 'vCPUs', 'VCpus', 'CoreCount', 'x_VCPUs'));
  return {
    ...(typeof type === 'string' && /^[A-Za-z][\w.-]*\d[\w.-]*$/.test(type) ? { instanceType: type } : {}),
    ...(Number.isFinite(cpus) && cpus > 0 ? { vCpus: cpus } : {}),
  };
}
