import { re2Problem, re2Unsupported } from '../shared/re2';
import { capitalise, holdsVariable } from './fieldError';

const INVALID = 'is not a valid regular expression';

/** `text` as a regex matching exactly itself, so a picked name like `python3.11` does not also match `python3x11`. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One regex matching exactly any of the values: `a\.b` for one, `(a|b)` for several (as Prometheus data sources do). */
export function anyOfRegex(values: unknown[]): string {
  const escaped = values.map((v) => escapeRegex(String(v)));
  return escaped.length === 1 ? escaped[0] : `(${escaped.join('|')})`;
}

/**
 * What Prometheus would say against a regex, as the end of a sentence ("is not a valid regular
 * expression"); undefined when it runs. The backend checks the same with re2Problem before it sends one.
 */
export function regexProblem(regex: string): string | undefined {
  const unsupported = re2Unsupported(regex);
  if (unsupported) {
    return `uses ${unsupported}, which Prometheus does not support`;
  }
  return re2Problem(regex) ? INVALID : undefined;
}

/** The message of a regex field; none while it is empty or holds a template variable (checked once interpolated). */
export function regexError(value?: string): string | undefined {
  if (!value || holdsVariable(value)) {
    return undefined;
  }
  const problem = regexProblem(value);
  return problem === INVALID ? 'Not a valid regular expression' : problem && capitalise(problem);
}
