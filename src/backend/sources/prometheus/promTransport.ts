/**
 * The HTTP leg of the Prometheus client: one keep-alive Agent (TLS options included), the auth and
 * custom headers, and a request that counts series while the answer streams in and hangs up as
 * soon as there are too many.
 *
 * node:http(s) rather than fetch: a custom CA and skip-verify need an Agent, which global fetch
 * only takes from the undici package (not installed).
 */
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { createGunzip } from 'node:zlib';
import { createScrubber } from './promErrors';
import { SeriesCounter } from './seriesCounter';

export type PromAuth =
  { type: 'none' } | { type: 'basic'; user: string; password: string } | { type: 'bearer'; token: string };

export interface TransportOptions {
  url: string;
  auth?: PromAuth;
  headers?: Record<string, string>;
  tlsSkipVerify?: boolean;
  /** PEM; trusted in addition to the system roots. */
  caCert?: string;
}

export interface RawRequest {
  method: 'GET' | 'POST';
  /** API path, e.g. `/api/v1/query`, appended to the base URL's path. */
  path: string;
  params: URLSearchParams;
  /** Hang up once the answer holds more than this many series. */
  countSeriesUpTo?: number;
}

export interface RawResponse {
  status: number;
  body: string;
  location?: string;
  /** The answer had more series than `countSeriesUpTo`; the body was not read. */
  seriesOverLimit?: boolean;
  series?: number;
}

const SERIES_PATHS = ['.data.result', '.data'];
/** Error bodies are only quoted; never keep more of them than this. */
const MAX_ERROR_BODY = 64 * 1024;
/** Custom headers whose values are kept out of messages. */
const SECRET_HEADER = /(authorization|token|secret|password|key|cookie)/i;
/** Idle keep-alive sockets close after this, so a replaced client leaves nothing open. */
const IDLE_SOCKET_MS = 30_000;

export class PromTransport {
  /** The base URL without user:password, for messages. */
  readonly url: string;
  /** Replaces every credential in a text with [redacted]. */
  readonly scrub: (text: string) => string;
  readonly #base: URL;
  readonly #agent: http.Agent;
  readonly #headers: Record<string, string>;

  constructor(options: TransportOptions) {
    this.#base = new URL(options.url);
    const shown = withoutCredentials(this.#base);
    this.url = shown.href.replace(/\/+$/, '');
    const auth = authorization(options.auth ?? { type: 'none' }, this.#base);
    // Auth last: it wins over a custom Authorization header.
    this.#headers = {
      ...(options.headers ?? {}),
      ...(auth ? { Authorization: auth } : {}),
      Accept: 'application/json',
      // Matrices compress ~10:1; Prometheus, Thanos and Mimir gzip when asked.
      'Accept-Encoding': 'gzip',
    };
    this.scrub = createScrubber([
      ...Object.entries(options.headers ?? {})
        .filter(([name]) => SECRET_HEADER.test(name))
        .map(([, value]) => value),
      auth,
      auth?.replace(/^\S+\s+/, ''),
      options.auth?.type === 'basic' ? options.auth.password : undefined,
      options.auth?.type === 'bearer' ? options.auth.token : undefined,
      safeDecode(this.#base.password),
    ]);
    this.#agent =
      this.#base.protocol === 'https:'
        ? new https.Agent({
            keepAlive: true,
            timeout: IDLE_SOCKET_MS,
            rejectUnauthorized: !options.tlsSkipVerify,
            ...(options.caCert ? { ca: [...rootCertificates, options.caCert] } : {}),
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
        const counter = ok && limit !== undefined ? new SeriesCounter(SERIES_PATHS) : undefined;
        const chunks: Buffer[] = [];
        let size = 0;
        const gzipped = /^\s*gzip\s*$/i.test(String(res.headers['content-encoding'] ?? ''));
        const stream = gzipped ? res.pipe(createGunzip()) : res;
        stream.on('data', (chunk: Buffer) => {
          if (settled || (!ok && size >= MAX_ERROR_BODY)) {
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
          if (counter && counter.push(chunk) > limit!) {
            // Enough read to know the answer is too big: drop the connection, not just the data.
            res.destroy();
            stream.destroy();
            resolve({ status, body: '', seriesOverLimit: true, series: counter.count });
          }
        });
        res.on('error', reject);
        stream.on('error', reject);
        stream.on('end', () =>
          resolve({
            status,
            body: Buffer.concat(chunks).toString('utf8'),
            location: res.headers.location,
            series: counter?.count,
          })
        );
      });
      req.on('error', reject);
      req.end(body);
    });
  }
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
