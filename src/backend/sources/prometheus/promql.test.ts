import { QueryError } from '../../core/errors';
import {
  matcherEq,
  matcherIn,
  matcherNotEq,
  matcherRegex,
  promDuration,
  promSeconds,
  quoteLabelValue,
  regexLiteral,
  selector,
} from './promql';

const INJECTION = '"}) or vector(1) #';

describe('quoteLabelValue', () => {
  it('escapes backslash, quote and line breaks as PromQL string literals need', () => {
    expect(quoteLabelValue('plain')).toBe('"plain"');
    expect(quoteLabelValue('a\\b')).toBe('"a\\\\b"');
    expect(quoteLabelValue('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteLabelValue('two\nlines\r\tx')).toBe('"two\\nlines\\r\\tx"');
    expect(quoteLabelValue('bell\u0007')).toBe('"bell\\u0007"');
    expect(quoteLabelValue('')).toBe('""');
  });

  it('keeps an injection attempt inside the literal', () => {
    expect(quoteLabelValue(INJECTION)).toBe('"\\"}) or vector(1) #"');
  });

  it('keeps non-ASCII text and replaces lone surrogates (Go rejects \\uD800)', () => {
    expect(quoteLabelValue('café ☕')).toBe('"café ☕"');
    expect(quoteLabelValue('x\uD800y')).toBe('"x\uFFFDy"');
  });
});

describe('regexLiteral', () => {
  it('escapes every RE2 metacharacter', () => {
    expect(regexLiteral('a.b*c+d?e(f)g|h[i]j{k}l^m$n\\o')).toBe(
      'a\\.b\\*c\\+d\\?e\\(f\\)g\\|h\\[i\\]j\\{k\\}l\\^m\\$n\\\\o'
    );
    expect(regexLiteral('api-7d9c6_x2x8k')).toBe('api-7d9c6_x2x8k');
  });
});

describe('matcherIn', () => {
  it('matches exact values: each escaped for RE2, then quoted for PromQL', () => {
    expect(matcherIn('namespace', ['shop', 'jobs'])).toBe('namespace=~"shop|jobs"');
    expect(matcherIn('namespace', ['a|b', '.*'])).toBe('namespace=~"a\\\\|b|\\\\.\\\\*"');
    expect(matcherIn('pod', ['back\\slash', 'say "x"'])).toBe('pod=~"back\\\\\\\\slash|say \\"x\\""');
  });

  it('keeps a template variable injection literal', () => {
    expect(matcherIn('namespace', [INJECTION])).toBe('namespace=~"\\"\\\\}\\\\) or vector\\\\(1\\\\) #"');
  });

  it('means "any value" when there are none, and drops duplicates', () => {
    expect(matcherIn('namespace', [])).toBe('namespace=~".+"');
    expect(matcherIn('namespace', ['a', 'a'])).toBe('namespace=~"a"');
  });

  it('refuses label names it cannot write safely', () => {
    expect(() => matcherIn('name"space', ['x'])).toThrow(QueryError);
    expect(() => matcherIn('1abc', ['x'])).toThrow(/not a valid Prometheus label name/);
  });
});

describe('matcherEq / matcherNotEq', () => {
  it('quotes the value', () => {
    expect(matcherEq('zone', 'package')).toBe('zone="package"');
    expect(matcherNotEq('container', '')).toBe('container!=""');
    expect(matcherEq('pod', INJECTION)).toBe('pod="\\"}) or vector(1) #"');
  });
});

describe('matcherRegex', () => {
  it('keeps the user regex a regex, but quoted', () => {
    expect(matcherRegex('exe', '.*nginx.*')).toBe('exe=~".*nginx.*"');
    expect(matcherRegex('cmdline', 'python3?\\s')).toBe('cmdline=~"python3?\\\\s"');
    expect(matcherRegex('exe', '"} or vector(1) #')).toBe('exe=~"\\"} or vector(1) #"');
    // The template-variable injection is not even a valid regex (unmatched ")").
    expect(() => matcherRegex('exe', INJECTION)).toThrow(/not valid.*Unmatched/);
  });

  it('accepts RE2 syntax JS lacks: flag groups, (?P<name>)', () => {
    expect(matcherRegex('exe', '(?i)NGINX')).toBe('exe=~"(?i)NGINX"');
    expect(matcherRegex('exe', 'a(?i:b)(?P<x>c)')).toBe('exe=~"a(?i:b)(?P<x>c)"');
  });

  it('fails with a clear message for invalid regexes', () => {
    expect(() => matcherRegex('exe', 'nginx(')).toThrow(/The regex for exe is not valid: .*nginx\(/);
    expect(() => matcherRegex('exe', '[a-')).toThrow(/The regex for exe is not valid/);
    const err = (() => {
      try {
        matcherRegex('exe', '(');
      } catch (e) {
        return e as QueryError;
      }
      return undefined;
    })();
    expect(err).toMatchObject({ status: 400, source: 'plugin' });
  });

  it('refuses what RE2 cannot do, unless escaped', () => {
    expect(() => matcherRegex('exe', 'foo(?=bar)')).toThrow(/lookahead or lookbehind.*RE2/);
    expect(() => matcherRegex('exe', '(a)\\1')).toThrow(/backreferences/);
    expect(matcherRegex('exe', 'a\\(?=')).toBe('exe=~"a\\\\(?="');
    expect(matcherRegex('exe', 'a\\\\1')).toBe('exe=~"a\\\\\\\\1"');
  });
});

describe('selector', () => {
  it('joins matchers onto a validated metric name', () => {
    expect(selector('kepler_pod_cpu_joules_total')).toBe('kepler_pod_cpu_joules_total');
    expect(
      selector('kepler_pod_cpu_joules_total', [matcherEq('zone', 'package'), matcherIn('pod_namespace', ['shop'])])
    ).toBe('kepler_pod_cpu_joules_total{zone="package",pod_namespace=~"shop"}');
    expect(selector('job:rate5m:sum')).toBe('job:rate5m:sum');
    expect(() => selector('up{x="1"} or vector(1)')).toThrow(/not a valid Prometheus metric name/);
  });
});

describe('durations', () => {
  it('uses the largest unit that divides exactly', () => {
    expect(promDuration(300_000)).toBe('5m');
    expect(promDuration(3_600_000)).toBe('1h');
    expect(promDuration(90_000)).toBe('90s');
    expect(promDuration(86_400_000 * 7)).toBe('7d');
    expect(promDuration(1500)).toBe('1500ms');
  });

  it('refuses zero, negative and non-finite durations', () => {
    expect(() => promDuration(0)).toThrow(/must be positive/);
    expect(() => promDuration(-5)).toThrow(/must be positive/);
    expect(() => promDuration(NaN)).toThrow(/must be positive/);
  });

  it('formats whole seconds for steps', () => {
    expect(promSeconds(3_600_000)).toBe('3600s');
    expect(promSeconds(400)).toBe('1s');
  });
});
