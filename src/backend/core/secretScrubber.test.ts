import { createScrubber } from './secretScrubber';

describe('createScrubber', () => {
  // Encodings written out by hand, not computed with the functions the scrubber uses.
  const secret = 'p@ss w/rd+1';
  const shapes = {
    raw: 'p@ss w/rd+1',
    uri: 'p%40ss%20w%2Frd%2B1', // encodeURIComponent
    uriLower: 'p%40ss%20w%2frd%2b1', // the same, lower-case hex as some proxies write it
    form: 'p%40ss+w%2Frd%2B1', // application/x-www-form-urlencoded
    base64: 'cEBzcyB3L3JkKzE=', // base64 of the UTF-8 bytes
    base64url: 'cEBzcyB3L3JkKzE', // base64url, unpadded
    json: 'p@ss w/rd+1',
  };
  const scrub = createScrubber([secret, undefined, 'abc']);

  it.each(Object.entries(shapes))('redacts the secret written %s', (_name, shape) => {
    expect(scrub(`before ${shape} after`)).toBe('before [redacted] after');
  });

  it('redacts a secret with runs of whitespace where the text collapsed or changed them', () => {
    const spaced = createScrubber(['white   space\t\tpw']);
    expect(spaced('a white space pw b')).toBe('a [redacted] b');
    expect(spaced('a white\nspace pw b')).toBe('a [redacted] b');
    expect(spaced('a white   space\t\tpw b')).toBe('a [redacted] b');
  });

  it('redacts JSON- and HTML-escaped forms', () => {
    const quoted = createScrubber(['say "hi" & <go>']);
    expect(quoted('{"error":"say \\"hi\\" & <go>"}')).toBe('{"error":"[redacted]"}');
    expect(quoted('<p>say &quot;hi&quot; &amp; &lt;go&gt;</p>')).toBe('<p>[redacted]</p>');
  });

  it('skips secrets under 4 characters, which would redact ordinary words', () => {
    expect(scrub('abc is fine')).toBe('abc is fine');
    expect(createScrubber(['abcd'])('xabcdx')).toBe('x[redacted]x');
  });

  it('redacts a longer secret whole when a shorter one is inside it', () => {
    const both = createScrubber(['pw-1234', 'user:pw-1234']);
    expect(both('got user:pw-1234')).toBe('got [redacted]');
  });

  describe('quote', () => {
    const token = 'tok-0123456789-abcdefghij';

    it('scrubs before cutting, so a secret across the cut is gone whole', () => {
      const text = `${'x'.repeat(190)} ${token} and more`;
      expect(createScrubber([token]).quote(text, 200)).toBe(`${'x'.repeat(190)} [redacted]…`);
    });

    it('redacts the start of a secret left at the cut (4 characters or more), and only there', () => {
      const q = createScrubber([token]);
      // 196 + 4 = 200: the cut leaves "tok-", then "tok" (3, kept: too short to tell from words).
      expect(q.quote(`${'x'.repeat(196)}tok-`, 200)).toBe(`${'x'.repeat(196)}tok-`);
      expect(q.quote(`${'x'.repeat(196)}tok-0`, 200)).toBe(`${'x'.repeat(196)}[redacted]…`);
      expect(q.quote(`${'x'.repeat(197)}tok-0`, 200)).toBe(`${'x'.repeat(197)}tok…`);
    });

    it('leaves text within the limit whole, and cuts longer text at the limit', () => {
      const q = createScrubber([token]);
      expect(q.quote('y'.repeat(200), 200)).toBe('y'.repeat(200));
      expect(q.quote('y'.repeat(201), 200)).toBe(`${'y'.repeat(200)}…`);
    });
  });
});
