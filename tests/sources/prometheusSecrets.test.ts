/**
 * The five ways issue 14 found an upstream's echo of a credential leaking, against local servers
 * that echo on purpose: a basic-auth header and a secret custom header placed across the
 * 200-character cut of a quoted body, redirects whose Location carries the URL-encoded
 * Authorization header or the URL's user:password, and a password with runs of whitespace echoed
 * in HTML (which collapses them). None of the secret's encodings, nor any 8-character start of
 * one, may reach the query error, the health message, a resource body or a log line.
 */
import { instanceFor } from '../helpers/instances';
import { type Handler, type LocalServer, serve as serveLocal } from '../helpers/localHttp';
import { QueryError } from '../../src/backend/core/errors';
import { handleResource } from '../../src/backend/queries/resources';
import { checkDataSourceHealth } from '../../src/backend/queries/health';
import { openPrometheus } from '../../src/backend/sources';
import type { PrometheusSettings } from '../../src/datasource/types';
import { settingsFor } from './prometheusFixtures';

const logLines: string[] = [];
jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger((line: string) => logLines.push(line)) };
});

jest.setTimeout(30_000);

const servers: LocalServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

const FILLER = 'Access denied for this request. '.repeat(6).slice(0, 180);

/** Every shape of `secret` an upstream may send back; `user` adds the basic-auth header's base64. */
function shapes(secret: string, user?: string): string[] {
  const forms = [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    Buffer.from(secret).toString('base64').replace(/=+$/, ''),
    secret.replace(/\s+/g, ' '),
  ];
  if (user !== undefined) {
    const basic = Buffer.from(`${user}:${secret}`).toString('base64');
    forms.push(basic.replace(/=+$/, ''), encodeURIComponent(basic), `${user}:${encodeURIComponent(secret)}`);
  }
  return forms;
}

interface Leak {
  name: string;
  prometheus: (url: string) => PrometheusSettings;
  secrets?: Record<string, string>;
  /** Top-level jsonData: custom headers as Grafana stores them (httpHeaderNameN). */
  jsonData?: Record<string, string>;
  handler: Handler;
  forbidden: string[];
}

const PASSWORD = 'pa55-w0rd-SECRET-basic';
const HEADER = 'hdr-SECRET-value-0123456789';
const URL_PASSWORD = 'url-SECRET pw/42';
const SPACED = 'white   space\t\tSECRET  pw';
/** "grafana:" and this are 26 bytes: the header's base64 ends in "=", which URL-encoding turns into %3D. */
const REDIRECTED = 'rd1r-SECRET-pass-x';
/** A tenant id in a header whose name does not look secret: redacted because its value is a secure one. */
const TENANT = 'tenant-SECRET-4242-acme';

const leaks: Leak[] = [
  {
    name: 'a basic-auth header across the 200-character cut of a quoted body',
    prometheus: (url) => ({ url, authType: 'basic', basicAuthUser: 'grafana' }),
    secrets: { prometheusPassword: PASSWORD },
    handler: (req, res) => res.writeHead(401).end(`${FILLER} Authorization: ${req.headers.authorization}`),
    forbidden: shapes(PASSWORD, 'grafana'),
  },
  {
    name: 'a secret custom header across the cut',
    prometheus: (url) => ({ url, headers: { 'X-Api-Key': HEADER } }),
    handler: (req, res) => res.writeHead(403).end(`${FILLER} X-Api-Key: ${String(req.headers['x-api-key'])}`),
    forbidden: shapes(HEADER),
  },
  {
    name: 'a secure custom header (httpHeaderValue1) whose name looks harmless',
    prometheus: (url) => ({ url }),
    jsonData: { httpHeaderName1: 'X-Scope-OrgID' },
    secrets: { httpHeaderValue1: TENANT },
    handler: (req, res) => res.writeHead(403).end(`${FILLER} tenant ${String(req.headers['x-scope-orgid'])} denied`),
    forbidden: shapes(TENANT),
  },
  {
    name: 'a redirect whose Location carries the URL-encoded Authorization header',
    prometheus: (url) => ({ url, authType: 'basic', basicAuthUser: 'grafana' }),
    secrets: { prometheusPassword: REDIRECTED },
    handler: (req, res) => {
      const location = `https://sso.example/login?auth=${encodeURIComponent(String(req.headers.authorization))}`;
      res.writeHead(302, { Location: location }).end(`Redirecting to ${location}`);
    },
    forbidden: shapes(REDIRECTED, 'grafana'),
  },
  {
    name: "a redirect whose Location carries the Prometheus URL's user:password",
    prometheus: (url) => ({ url: url.replace('http://', `http://alice:${encodeURIComponent(URL_PASSWORD)}@`) }),
    handler: (req, res) => {
      const [user, password] = Buffer.from(String(req.headers.authorization).slice(6), 'base64').toString().split(':');
      const location = `http://${user}:${encodeURIComponent(password)}@other.example/?u=${encodeURIComponent(`${user}:${password}`)}`;
      res.writeHead(307, { Location: location }).end();
    },
    forbidden: shapes(URL_PASSWORD, 'alice'),
  },
  {
    name: 'a password with runs of whitespace, echoed in HTML that collapses them',
    prometheus: (url) => ({ url, authType: 'basic', basicAuthUser: 'grafana' }),
    secrets: { prometheusPassword: SPACED },
    handler: (req, res) => {
      const [, password] = Buffer.from(String(req.headers.authorization).slice(6), 'base64').toString().split(':');
      res.writeHead(500, { 'Content-Type': 'text/html' }).end(`<html><p>bad password</p><pre>${password}</pre></html>`);
    },
    forbidden: shapes(SPACED, 'grafana'),
  },
];

describe.each(leaks)('$name', (leak) => {
  it('reaches no query error, health message, resource body or log line', async () => {
    const server = await serveLocal(servers, leak.handler);
    const base = settingsFor(leak.prometheus(server.url), leak.secrets);
    const settings = { ...base, jsonData: { ...base.jsonData, ...leak.jsonData } };
    const instance = instanceFor(settings);
    logLines.length = 0;
    const client = await openPrometheus(instance).client();
    const error = await client.query('1', 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryError);
    const health = await checkDataSourceHealth(instance);
    expect(health.ok).toBe(false);
    const resource = await handleResource(
      { method: 'GET', path: 'namespaces', query: new URLSearchParams() },
      instance
    );
    expect(resource.status).toBeGreaterThanOrEqual(400);
    // The upstream did get the secret: otherwise this test could not fail.
    expect(server.requests.length).toBeGreaterThan(0);
    expect(Buffer.from(`grafana:${REDIRECTED}`).toString('base64')).toMatch(/=$/);

    const seen = [(error as QueryError).message, health.message, JSON.stringify(resource.body), ...logLines].join('\n');
    expect(seen).toMatch(/\[redacted\]|not shown/);
    for (const form of leak.forbidden) {
      expect(seen).not.toContain(form);
      expect(seen).not.toContain(form.slice(0, 8));
    }
    instance.dispose();
  });
});
