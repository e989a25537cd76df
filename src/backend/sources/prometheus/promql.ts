/**
 * PromQL building blocks that make injection impossible: every value a user or a template
 * variable supplies goes through a quoting function here, never into a template string as is.
 * Label and metric names are validated instead of quoted (PromQL has no way to quote them in a
 * classic selector).
 */
import { re2Problem } from '../../../shared/re2';
import { echo } from '../../core/echo';
import { badQuery } from '../../core/errors';

const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const METRIC_NAME = /^[A-Za-z_:][A-Za-z0-9_:]*$/;
/** RE2 metacharacters, as Go's regexp.QuoteMeta escapes them. */
const RE2_META = /[\\.+*?()|[\]{}^$]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A double-quoted PromQL string literal holding exactly `value`. PromQL strings follow Go's
 * escapes: `\` and `"` are escaped, a raw newline would end the literal, and other control
 * characters become `\u00XX`. Lone surrogates (Go rejects `\uD800`) become U+FFFD.
 */
export function quoteLabelValue(value: string): string {
  const escaped = value
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(
      /[\\"\u0000-\u001f\u007f]/g,
      (c) => SIMPLE_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
    );
  return `"${escaped}"`;
}

/** `value` as an RE2 pattern matching exactly that text (before PromQL quoting). */
export function regexLiteral(value: string): string {
  return value.replace(RE2_META, '\\$&');
}

export function assertLabelName(label: string): string {
  if (!LABEL_NAME.test(label)) {
    throw badQuery(
      `${echo(label)} is not a valid Prometheus label name (letters, digits and _, not starting with a digit).`
    );
  }
  return label;
}

export function assertMetricName(metric: string): string {
  if (!METRIC_NAME.test(metric)) {
    throw badQuery(
      `${echo(metric)} is not a valid Prometheus metric name (letters, digits, _ and :, not starting with a digit).`
    );
  }
  return metric;
}

/** `label="value"`. */
export function matcherEq(label: string, value: string): string {
  return `${assertLabelName(label)}=${quoteLabelValue(value)}`;
}

/** `label!="value"`, e.g. `container!=""` to drop cAdvisor's pod-level rows. */
export function matcherNotEq(label: string, value: string): string {
  return `${assertLabelName(label)}!=${quoteLabelValue(value)}`;
}

/**
 * `label=~"a|b"` matching exactly these values (Prometheus anchors the regex, and each value is
 * escaped, so `.*` in a value is two literal characters). No values means "any non-empty value".
 */
export function matcherIn(label: string, values: readonly string[]): string {
  const unique = [...new Set(values)];
  if (unique.length === 0) {
    return `${assertLabelName(label)}=~".+"`;
  }
  return `${assertLabelName(label)}=~${quoteLabelValue(unique.map(regexLiteral).join('|'))}`;
}

/**
 * `label=~"<regex>"` with a regex the user wrote (an `exe` or `cmdline` filter). It stays a regex,
 * but quoted, so it cannot close the selector. Checked by compiling it as a JS RegExp first, so a
 * typo fails here with a clear message rather than as a Prometheus parse error.
 */
export function matcherRegex(label: string, userRegex: string): string {
  const name = assertLabelName(label);
  const problem = re2Problem(userRegex);
  if (problem) {
    throw badQuery(`The regex for ${name} ${problem}`);
  }
  return `${name}=~${quoteLabelValue(userRegex)}`;
}

/** `metric{m1,m2}` from a validated metric name and matchers built by the functions above. */
export function selector(metric: string, matchers: readonly string[] = []): string {
  const name = assertMetricName(metric);
  return matchers.length === 0 ? name : `${name}{${matchers.join(',')}}`;
}

const UNITS: Array<[string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
];

/**
 * A PromQL duration for a range vector or subquery step: the largest unit that divides it exactly
 * (`5m`, `1h`, `90s`, `1500ms`), so `[3600s]` and `[1h]` never both appear for the same range.
 */
export function promDuration(ms: number): string {
  const rounded = Math.round(ms);
  if (!Number.isFinite(ms) || rounded <= 0) {
    throw badQuery(`A PromQL duration must be positive, got ${ms} ms.`);
  }
  for (const [unit, size] of UNITS) {
    if (rounded % size === 0) {
      return `${rounded / size}${unit}`;
    }
  }
  return `${rounded}ms`;
}

/** Whole seconds as a PromQL duration (`3600s`), for steps that must stay in one unit. */
export function promSeconds(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return `${seconds}s`;
}
