/**
 * Redacts secrets from upstream text before it is quoted in an error, a health message, a resource
 * body or a log line. Upstreams echo credentials in many shapes: a proxy's error page quotes the
 * Authorization header (base64 of user:password), a redirect URL carries it URL- or form-encoded,
 * HTML collapses a password's runs of whitespace, JSON escapes its quotes. Each secret is matched in
 * every one of those encodings, and text is scrubbed before it is cut, so a cut cannot leave part of
 * a secret behind; a cut that ends on the start of a secret redacts that start too.
 */

export const REDACTED = '[redacted]';
/** Shorter values would redact ordinary words. */
const MIN_SECRET = 4;
/** A cut never leaves this many characters or more of the start of a secret. */
const MIN_PARTIAL = 4;

export interface Scrubber {
  /** `text` with every secret, in every encoding, replaced by [redacted]. */
  (text: string): string;
  /** `text` scrubbed, then cut to at most `max` characters (with …); only its start is scanned. */
  quote(text: string, max: number): string;
}

/**
 * A scrubber for `secrets` (undefined and shorter than 4 characters are skipped). Pass each secret
 * as configured and, for basic auth, the base64 of user:password too: it is not a substring of the
 * base64 of the password alone.
 */
export function createScrubber(secrets: ReadonlyArray<string | undefined>): Scrubber {
  const forms = new Set<string>();
  for (const secret of secrets) {
    for (const form of secret ? encodings(secret) : []) {
      if (form.length >= MIN_SECRET) {
        forms.add(form);
      }
    }
  }
  // Longest first, so a secret inside a longer one (a password inside "user:password") does not
  // leave the rest of the longer one behind.
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  const pattern = sorted.length ? new RegExp(sorted.map(patternOf).join('|'), 'g') : undefined;
  const longest = sorted[0]?.length ?? 0;
  const scrub = (text: string) => (pattern ? text.replace(pattern, REDACTED) : text);
  const quote = (text: string, max: number) => {
    // Enough beyond the cut to hold any secret that starts before it (runs of whitespace aside).
    const window = text.slice(0, max + 2 * longest + 64);
    const scrubbed = scrub(window);
    if (scrubbed.length <= max && window.length === text.length) {
      return scrubbed;
    }
    // A cut inside a [redacted] keeps it whole: it hides nothing and reads better.
    const marker = scrubbed.lastIndexOf(REDACTED, max - 1);
    const end = marker >= 0 && marker + REDACTED.length > max ? marker + REDACTED.length : max;
    return `${withoutPartialSecret(scrubbed.slice(0, end), sorted)}…`;
  };
  return Object.assign(scrub, { quote });
}

/** The shapes a secret takes in text an upstream sends back. */
function encodings(secret: string): string[] {
  const trimmed = secret.trim();
  const forms = [trimmed, secret];
  const uri = encodeURIComponent(secret);
  forms.push(uri, uri.replace(/%20/g, '+'), new URLSearchParams([['', secret]]).toString().slice(1));
  forms.push(encodeURI(secret));
  forms.push(JSON.stringify(trimmed).slice(1, -1));
  forms.push(trimmed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
  const base64 = Buffer.from(secret, 'utf8').toString('base64');
  // Padded (matched first, being longer) and without: a quoted header may lose its "=".
  forms.push(base64, base64.replace(/=+$/, ''), Buffer.from(secret, 'utf8').toString('base64url'));
  return forms;
}

/**
 * A form as a regex: each run of whitespace matches any run (HTML and log lines collapse them), and
 * percent-escapes match in either case (%2f or %2F).
 */
function patternOf(form: string): string {
  return form
    .split(/(\s+)/)
    .map((part) =>
      /^\s+$/.test(part)
        ? '\\s+'
        : part
            .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
            .replace(/%([0-9A-Fa-f])([0-9A-Fa-f])/g, (_m, a: string, b: string) => `%${eitherCase(a)}${eitherCase(b)}`)
    )
    .join('');
}

function eitherCase(c: string): string {
  return c.toLowerCase() === c.toUpperCase() ? c : `[${c.toLowerCase()}${c.toUpperCase()}]`;
}

/** `cut` with a trailing start of any form (MIN_PARTIAL characters or more) replaced by [redacted]. */
function withoutPartialSecret(cut: string, forms: readonly string[]): string {
  const collapsed = (s: string) => s.replace(/\s+/g, ' ');
  for (const form of forms.flatMap((f) => [f, collapsed(f)])) {
    for (let n = Math.min(form.length - 1, cut.length); n >= MIN_PARTIAL; n--) {
      if (cut.endsWith(form.slice(0, n))) {
        return `${cut.slice(0, cut.length - n)}${REDACTED}`;
      }
    }
  }
  return cut;
}
