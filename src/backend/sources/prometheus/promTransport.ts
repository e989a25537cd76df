/**
 * The HTTP leg of the Prometheus client: one keep-alive Agent (TLS options included), the auth and
 * custom headers, and a request that counts series and bytes while the answer streams in and hangs
 * up as soon as there are too many.
 *
 * Answers with series (query, query_range, series) are split into series as they stream in and
 * never held whole (see SeriesSplitter); the others (label lists) are read whole. Both are capped
 * in bytes (counted after decompression): V8 cannot make a string over ~512 MiB
 * (ERR_STRING_TOO_LONG), and even split, what is kept of an answer grows with it. Nothing a
 * listener does may throw: a throw there is uncaught and ends the plugin process.
 *
 * node:http(s) rather than fetch: a custom CA and skip-verify need an Agent, which global fetch
 * only takes from the undici package (not installed).
 */
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { createGunzip } from 'node:zlib';
import { createScrubber, type Scrubber } from '../../core/secretScrubber';
import { SeriesSplitter } from './seriesSplitter';

export type PromAuth =
  { type: 'none' } | { type: 'basic'; user: string; password: string } | { type: 'bearer'; token: string };

export interface TransportOptions {
  url: string;
  auth?: PromAuth;
  headers?: Record<string, string>;
  /** Custom headers from the secure settings: sent like `headers`, and their values always redacted. */
  secretHeaders?: Record<string, string>;
  tlsSkipVerify?: boolean;
  /** PEM; trusted in addition to the system roots. */
  caCert?: string;
  /** PEM client certificate and key for TLS client authentication. */
  clientCert?: string;
  clientKey?: string;
  /** The name the server certificate must carry, when not the URL's host. */
  serverName?: string;
  /** Most bytes (decompressed) one answer may hold; default DEFAULT_RESPONSE_LIMIT_BYTES. */
  responseLimitBytes?: number;
}

/**
 * 128 MiB: a matrix of about 5 million points. Read series by series it took 290 MiB more memory at
 * its peak (967 MiB when read whole); label lists, read whole, take a few times their size.
 */
export const DEFAULT_RESPONSE_LIMIT_BYTES = 128 * 1024 * 1024;

/**
 * An answer that arrived but cannot be read: `gzip` is a body labelled gzip that is not valid gzip,
 * `text` one whose bytes could not become a string (over what V8 holds).
 */
export class UnreadableBody extends Error {
  constructor(
    readonly reason: 'gzip' | 'text',
    detail: string
  ) {
    super(detail);
    this.name = 'UnreadableBody';
  }
}

export interface RawRequest {
  method: 'GET' | 'POST';
  /** API path, e.g. `/api/v1/query`, appended to the base URL's path. */
  path: string;
  params: URLSearchParams;
  /** Hang up once the answer holds more than this many series. */
  countSeriesUpTo?: number;
  /**
   * Split a successful answer into its series, handing each on parsed as it arrives; the body is
   * then the rest of the answer (see SeriesSplitter). What this throws fails the request.
   */
  onSeries?: (series: unknown) => void;
}

export interface RawResponse {
  status: number;
  body: string;
  /** The answer had more series than `countSeriesUpTo`; the body was not read. */
  seriesOverLimit?: boolean;
  series?: number;
  /** The answer was longer than the response limit; the rest was not read. */
  bytesOverLimit?: boolean;
  /** Bytes read (decompressed). */
  bytes: number;
}

/** Error bodies are only quoted; never keep more of them than this. */
const MAX_ERROR_BODY = 64 * 1024;
/** Custom headers whose values are kept out of messages. */
const SECRET_HEADER = /(authorization|token|secret|password|key|cookie)/i;
/** Idle keep-alive sockets close after this, so a replaced client leaves nothing open. */
const IDLE_SOCKET_MS = 30_000;

export class PromTransport {
  /** The base URL without user:password, for messages. */
  readonly url: string;
  /** Replaces every credential in a text, in any encoding, with [redacted]. */
  readonly scrub: Scrubber;
  readonly #base: URL;
  readonly #agent: http.Agent;
  readonly #headers: Record<string, string>;
  readonly responseLimitBytes: number;

  constructor(options: TransportOptions) {
    this.#base = new URL(options.url);
    this.responseLimitBytes = options.responseLimitBytes ?? DEFAULT_RESPONSE_LIMIT_BYTES;
    const shown = withoutCredentials(this.#base);
    this.url = shown.href.replace(/\/+$/, '');
    const auth = authorization(options.auth ?? { type: 'none' }, this.#base);
    // Auth last: it wins over a custom Authorization header.
    this.#headers = {
      ...(options.headers ?? {}),
      ...(options.secretHeaders ?? {}),
      ...(auth ? { Authorization: auth } : {}),
      Accept: 'application/json',
      // Matrices compress ~10:1; Prometheus, Thanos and Mimir gzip when asked.
      'Accept-Encoding': 'gzip',
    };
    this.scrub = createScrubber([
      ...Object.entries(options.headers ?? {})
        .filter(([name]) => SECRET_HEADER.test(name))
        .map(([, value]) => value),
      ...Object.values(options.secretHeaders ?? {}),
      auth,
      auth?.replace(/^\S+\s+/, ''),
      options.auth?.type === 'basic' ? options.auth.password : undefined,
      options.auth?.type === 'bearer' ? options.auth.token : undefined,
      safeDecode(this.#base.password),
      // As written in the URL (percent-encoded), and with its user, as a redirect may echo them.
      this.#base.password,
      this.#base.password ? `${safeDecode(this.#base.username)}:${safeDecode(this.#base.password)}` : undefined,
    ]);
    this.#agent =
      this.#base.protocol === 'https:'
        ? new https.Agent({
            keepAlive: true,
            timeout: IDLE_SOCKET_MS,
            rejectUnauthorized: !options.tlsSkipVerify,
            ...(options.caCert ? { ca: [...rootCertificates, options.caCert] } : {}),
            ...(options.clientCert && options.clientKey ? { cert: options.clientCert, key: options.clientKey } : {}),
            ...(options.serverName ? { servername: options.serverName } : {}),
          })
        : new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.#agent.destroy();
  }

  send(request: RawRequest, signal: AbortSignal): Promise<RawResponse> {
    const url = withoutCredentials(this.#base);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${request.path}`;
    const body = request.method === 'POST' ? request.params.toString() : undefined;
    if (request.method === 'GET') {
      url.search = request.params.toString();
    }
    const headers: Record<string, string | number> = { ...this.#headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      headers['Content-Length'] = Buffer.byteLength(body);
    }
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<RawResponse>((resolveOnce, rejectOnce) => {
      let settled = false;
      // The answer may be cut short (series over the limit) before Node reports its end.
      const settle = (finish: () => void) => {
        if (!settled) {
          settled = true;
          finish();
        }
      };
      const resolve = (value: RawResponse) => settle(() => resolveOnce(value));
      const reject = (error: unknown) => settle(() => rejectOnce(error));
      const req = transport.request(url, { method: request.method, headers, agent: this.#agent, signal }, (res) => {
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        const limit = request.countSeriesUpTo;
        const splitter = ok && request.onSeries ? new SeriesSplitter(request.onSeries) : undefined;
        const chunks: Buffer[] = [];
        let size = 0;
        let kept = 0;
        const gzipped = /^\s*gzip\s*$/i.test(String(res.headers['content-encoding'] ?? ''));
        const stream = gzipped ? res.pipe(createGunzip()) : res;
        const hangUp = () => {
          // Drop the connection, not just the data: the rest may be hundreds of MB.
          res.destroy();
          stream.destroy();
        };
        stream.on('data', (chunk: Buffer) => {
          if (settled) {
            return;
          }
          size += chunk.length;
          if (size > this.responseLimitBytes) {
            hangUp();
            resolve({ status, body: '', bytesOverLimit: true, bytes: size, series: splitter?.count });
            return;
          }
          if (!splitter) {
            if (ok || kept < MAX_ERROR_BODY) {
              chunks.push(chunk);
              kept += chunk.length;
            }
            return;
          }
          try {
            if (splitter.push(chunk) > (limit ?? Infinity)) {
              hangUp();
              resolve({ status, body: '', seriesOverLimit: true, series: splitter.count, bytes: size });
            }
          } catch (err) {
            hangUp();
            reject(err);
          }
        });
        res.on('error', reject);
        if (gzipped) {
          stream.on('error', (err: Error & { code?: string }) => {
            res.destroy();
            reject(new UnreadableBody('gzip', `${err.code ?? 'zlib'}: ${err.message}`));
          });
        }
        stream.on('end', () => {
          try {
            resolve({
              status,
              body: splitter ? splitter.rest() : joined(chunks, kept),
              series: splitter?.count,
              bytes: size,
            });
          } catch (err) {
            reject(new UnreadableBody('text', (err as Error).message));
          }
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** The chunks as one string; they are let go before the string is made. */
function joined(chunks: Buffer[], length: number): string {
  const bytes = Buffer.concat(chunks, length);
  chunks.length = 0;
  return bytes.toString('utf8');
}

function withoutCredentials(base: URL): URL {
  const url = new URL(base.href);
  url.username = '';
  url.password = '';
  return url;
}

function authorization(auth: PromAuth, base: URL): string | undefined {
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  switch (auth.type) {
    case 'basic':
      return basic(auth.user, auth.password);
    case 'bearer':
      return `Bearer ${auth.token}`;
  }
  // user:password in the URL itself is basic auth too.
  return base.username ? basic(safeDecode(base.username), safeDecode(base.password)) : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
