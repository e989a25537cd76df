/**
 * The user's own PromQL (promqlEnergy's expression, energyPerUnit's unit query) inside PromQL the
 * plugin builds. The text is the user's and is sent as is (origin 'user': Prometheus's parse error
 * comes back as a bad query); this module only looks at its outermost shape, with a scanner that
 * skips string literals and comments, so nothing inside a label value is ever taken for syntax.
 *
 * Counters are read per step with `irate` over a subquery of exactly two step-aligned points:
 * `irate((<counter>)[<1.5 step>:<step>]) * <step s>` is the counter's increase from one step to
 * the next, with Prometheus's counter-reset rule (a drop means it restarted from zero, so the new
 * value counts in full) and, unlike `increase()` over one step, no extrapolation. Summed over the
 * steps of the window it is the counter's increase over the window.
 *
 * A sum of counters hides resets: when one of the summed series restarts, the sum drops by that
 * series' total and reads as a restart of the whole sum. So a top-level `sum [by|without (…)] (X)`
 * is rewritten to `sum [by|without (…)] (irate((X)[…]))`: rate per series, then sum, as PromQL
 * needs, with the user's grouping (and so the result's labels) kept.
 */
import { promDuration } from '../../sources/prometheus/promql';
import { badQuery, QueryError } from '../../core/errors';
import type { IntegrationWindow } from '../../measured/integrationWindow';

/** Functions whose result is a rate or a windowed difference, not a counter. */
const NOT_COUNTERS = ['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv'];

interface Token {
  kind: 'word' | 'punct' | 'string' | 'comment' | 'other';
  text: string;
  start: number;
  end: number;
}

/** PromQL tokens, coarse: identifiers, single punctuation, whole string literals, comments. */
function scanWithComments(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      const start = i;
      while (i < expr.length && expr[i] !== '\n') {
        i++;
      }
      tokens.push({ kind: 'comment', text: expr.slice(start, i), start, end: i });
    } else if (c === '"' || c === "'" || c === '`') {
      const start = i++;
      while (i < expr.length && expr[i] !== c) {
        i += c !== '`' && expr[i] === '\\' ? 2 : 1;
      }
      i = Math.min(i + 1, expr.length);
      tokens.push({ kind: 'string', text: expr.slice(start, i), start, end: i });
    } else if (/[A-Za-z_:]/.test(c)) {
      const start = i;
      while (i < expr.length && /[A-Za-z0-9_:]/.test(expr[i])) {
        i++;
      }
      tokens.push({ kind: 'word', text: expr.slice(start, i), start, end: i });
    } else if ('(){}[],'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, start: i, end: i + 1 });
      i++;
    } else {
      tokens.push({ kind: 'other', text: c, start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

/** PromQL tokens, coarse: identifiers, single punctuation, whole string literals; comments dropped. */
export function scanPromql(expr: string): Token[] {
  return scanWithComments(expr).filter((t) => t.kind !== 'comment');
}

/**
 * `(text)` for use inside a larger expression. A `#` comment runs to the end of its line, so a
 * line break goes before the closing parenthesis when the text has one.
 */
export function parenthesised(text: string): string {
  const trimmed = text.trim();
  return scanWithComments(trimmed).some((t) => t.kind === 'comment') ? `(${trimmed}\n)` : `(${trimmed})`;
}

/** Index of the token closing the bracket opened at `open`, or -1. */
function closing(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'punct') {
      continue;
    }
    if ('([{'.includes(t.text)) {
      depth++;
    } else if (')]}'.includes(t.text)) {
      depth--;
      if (depth === 0) {
        return i;
      }
    }
  }
  return -1;
}

/** `by (a, b)` / `without (a)` starting at token `i`: its end index (exclusive) and text, or undefined. */
function grouping(tokens: Token[], expr: string, i: number): { next: number; text: string } | undefined {
  const t = tokens[i];
  if (t?.kind !== 'word' || !/^(by|without)$/i.test(t.text) || tokens[i + 1]?.text !== '(') {
    return undefined;
  }
  const close = closing(tokens, i + 1);
  if (close < 0) {
    return undefined;
  }
  return { next: close + 1, text: `${t.text.toLowerCase()} ${expr.slice(tokens[i + 1].start, tokens[close].end)}` };
}

export interface TopLevelSum {
  /** `by (a, b)`, `without (c)` or ''. */
  grouping: string;
  /** The summed expression, as the user wrote it. */
  inner: string;
}

/** `sum [by|without (…)] (X) [by|without (…)]` as the whole expression: its grouping and X. */
export function splitTopLevelSum(expr: string): TopLevelSum | undefined {
  const tokens = scanPromql(expr);
  if (tokens[0]?.kind !== 'word' || tokens[0].text.toLowerCase() !== 'sum') {
    return undefined;
  }
  let i = 1;
  let group = grouping(tokens, expr, i);
  if (group) {
    i = group.next;
  }
  if (tokens[i]?.text !== '(') {
    return undefined;
  }
  const close = closing(tokens, i);
  if (close < 0) {
    return undefined;
  }
  const inner = expr.slice(tokens[i].end, tokens[close].start).trim();
  let next = close + 1;
  if (!group) {
    group = grouping(tokens, expr, next);
    next = group ? group.next : next;
  }
  if (next !== tokens.length || inner === '' || hasTopLevelComma(tokens, i, close)) {
    return undefined;
  }
  return { grouping: group?.text ?? '', inner };
}

function hasTopLevelComma(tokens: Token[], open: number, close: number): boolean {
  let depth = 0;
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i].text;
    if (tokens[i].kind !== 'punct') {
      continue;
    }
    if ('([{'.includes(t)) {
      depth++;
    } else if (')]}'.includes(t)) {
      depth--;
    } else if (t === ',' && depth === 0) {
      return true;
    }
  }
  return false;
}

/** The rate-like functions called in `expr` (outside strings and comments). */
export function rateFunctionsIn(expr: string): string[] {
  const tokens = scanPromql(expr);
  const found = tokens.filter(
    (t, i) => t.kind === 'word' && NOT_COUNTERS.includes(t.text.toLowerCase()) && tokens[i + 1]?.text === '('
  );
  return [...new Set(found.map((t) => t.text.toLowerCase()))];
}

/** Refuses an expression that is a rate or a windowed increase where a counter is expected. */
export function assertCounter(expr: string, what: string, hint: string): void {
  const found = rateFunctionsIn(expr);
  if (found.length > 0) {
    throw badQuery(
      `${what} must return a counter (a value that only grows, such as http_requests_total), because the plugin ` +
        `takes its increase per step itself; it calls ${found.map((f) => `${f}()`).join(', ')}. ${hint}`
    );
  }
}

/** The increase of a counter expression over each step of the window (range query; see the file comment). */
export function counterIncreasePerStep(expr: string, w: IntegrationWindow): string {
  const pair = `[${promDuration(w.stepMs * 1.5)}:${w.step}]`;
  const sum = splitTopLevelSum(expr);
  if (sum) {
    const by = sum.grouping ? ` ${sum.grouping}` : '';
    return `sum${by} (irate(${parenthesised(sum.inner)}${pair})) * ${w.stepSeconds}`;
  }
  return `irate(${parenthesised(expr)}${pair}) * ${w.stepSeconds}`;
}

/** The same, summed into one series (energyPerUnit's units of work). */
export function totalCounterIncreasePerStep(expr: string, w: IntegrationWindow): string {
  const pair = `[${promDuration(w.stepMs * 1.5)}:${w.step}]`;
  // Every grouping of the user's own sum is summed away: rate per series, then one sum.
  const inner = splitTopLevelSum(expr)?.inner ?? expr;
  return `sum(irate(${parenthesised(inner)}${pair})) * ${w.stepSeconds}`;
}

/**
 * A rejection of the user's expression inside the plugin's PromQL: Prometheus's positions count
 * from the start of what was sent, so the message shows it.
 */
export function withSentExpression(err: unknown, sent: string): unknown {
  if (err instanceof QueryError && err.status === 400 && err.source === 'plugin') {
    return badQuery(`${err.message} (the expression as sent, with the plugin's per-step increase around it: ${sent})`);
  }
  return err;
}
