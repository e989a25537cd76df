/**
 * Whether a regex the user wrote runs in Prometheus (RE2): the query schemas, the editors and the
 * backend's PromQL builders ask the same question, so a regex is refused before it is sent.
 */

// An unescaped position: preceded by an even number of backslashes.
const UNESCAPED = '(?<!\\\\)(?:\\\\\\\\)*';
// RE2 lacks these; JS accepts them, so they are refused explicitly.
const RE2_UNSUPPORTED: Array<[RegExp, string]> = [
  [new RegExp(`${UNESCAPED}\\(\\?<?[=!]`), 'lookahead or lookbehind'],
  [new RegExp(`${UNESCAPED}\\\\(?:[1-9]|k<)`), 'backreferences'],
];

/** RE2 syntax JS (Node 20) lacks, rewritten for the syntax check only: named groups, flag groups. */
function forJsCheck(re2: string): string {
  return re2
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?[imsU-]+\)/g, '')
    .replace(/\(\?[imsU-]+:/g, '(?:');
}

/** The syntax `regex` uses that JS accepts but Prometheus (RE2) lacks ("backreferences"); undefined when none. */
export function re2Unsupported(regex: string): string | undefined {
  return RE2_UNSUPPORTED.find(([pattern]) => pattern.test(regex))?.[1];
}

/** What is wrong with `regex` for Prometheus, as the end of a sentence ("uses backreferences, ..."); undefined when fine. */
export function re2Problem(regex: string): string | undefined {
  const unsupported = re2Unsupported(regex);
  if (unsupported) {
    return `uses ${unsupported}, which Prometheus (RE2) does not support: ${shortened(regex)}`;
  }
  const checked = forJsCheck(regex);
  try {
    new RegExp(checked);
    return undefined;
  } catch (err) {
    // V8 quotes the whole pattern (`/…/: reason`): a long one would make a message as long.
    const reason = (err as Error).message
      .replace(/^Invalid regular expression: /, '')
      .split(`/${checked}/`)
      .join(`/${shortened(checked)}/`);
    return `is not valid: ${reason}`;
  }
}

/** Patterns are quoted in messages up to this many characters. */
const QUOTED_PATTERN_CHARS = 100;

function shortened(pattern: string): string {
  return pattern.length > QUOTED_PATTERN_CHARS
    ? `${pattern.slice(0, QUOTED_PATTERN_CHARS)}… (${pattern.length} characters)`
    : pattern;
}
