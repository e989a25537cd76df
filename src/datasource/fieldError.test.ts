import { processPower } from '../shared/queryTypes/processPower';
import { zombieInstances } from '../shared/queryTypes/zombieInstances';
import { fieldError } from './fieldError';
import { regexError } from './regex';

describe('fieldError', () => {
  it("flags what the query type's schema refuses, with the editor's words or the schema's own", () => {
    expect(fieldError(processPower, 'topN', 201, 'Too many')).toBe('Too many');
    expect(fieldError(processPower, 'topN', 1.5)).toBe('Must be a whole number');
    expect(fieldError(processPower, 'topN', 200)).toBeUndefined();
    expect(fieldError(processPower, 'topN', undefined)).toBeUndefined();
    // The backend turns a variable's text into a number.
    expect(fieldError(processPower, 'topN', '5')).toBeUndefined();
  });

  it('leaves template variables to the backend, which checks them once interpolated', () => {
    expect(fieldError(processPower, 'topN', '$top')).toBeUndefined();
    expect(fieldError(zombieInstances, 'namespaces', ['$ns-('])).toBeUndefined();
    expect(fieldError(zombieInstances, 'namespaces', ['$ns', 'batch-('])).toMatch(
      /"batch-\(": The regex for namespace/
    );
  });

  it('passes the issue to a message that depends on it', () => {
    const message = (issue: { code: string }) => (issue.code === 'too_big' ? 'too big' : 'too small');
    expect(fieldError(zombieInstances, 'networkMBPerDay', 2_000_000, message)).toBe('too big');
    expect(fieldError(zombieInstances, 'networkMBPerDay', 0, message)).toBe('too small');
  });
});

describe('regexError', () => {
  it('refuses what Prometheus (RE2) refuses, and no more', () => {
    expect(regexError('python(')).toBe('Not a valid regular expression');
    expect(regexError('(?!nginx).*')).toBe('Uses lookahead or lookbehind, which Prometheus does not support');
    expect(regexError('(a)\\1')).toBe('Uses backreferences, which Prometheus does not support');
    expect(regexError('(?i)nginx')).toBeUndefined();
    expect(regexError('(?P<exe>.*)')).toBeUndefined();
    expect(regexError('')).toBeUndefined();
    expect(regexError('$exe(')).toBeUndefined();
  });
});
