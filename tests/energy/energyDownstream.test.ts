/**
 * processPower, energyPerUnit and promqlEnergy when Prometheus is down, slow or failing: each
 * query fails on its own with a downstream error that names the URL and what to do (the protocol
 * layer turns it into that refId's error), never with a plugin crash. The one exception is the
 * user's own expression rejected by Prometheus, which is the user's (a 400 plugin error).
 */
import http from 'node:http';
import { energyPerUnitHandler } from '../../src/backend/queries/energy/energyPerUnit';
import { processPowerHandler } from '../../src/backend/queries/energy/processPower';
import { promqlEnergyHandler } from '../../src/backend/queries/energy/promqlEnergy';
import type { QueryHandler } from '../../src/backend/queries/queryHandler';
import { freePort } from '../helpers/prometheus';
import { failure, runHandler, settingsFor, useStubServers } from './energyTestKit';

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});
jest.setTimeout(30_000);

const T0 = 1_736_121_600;
const CASES: Array<[string, QueryHandler<unknown>, Record<string, unknown>]> = [
  ['processPower', processPowerHandler as QueryHandler<unknown>, { metric: 'power', exe: '.*nginx.*' }],
  [
    'energyPerUnit',
    energyPerUnitHandler as QueryHandler<unknown>,
    { scope: 'namespace', selector: 'shop', unitQuery: 'http_requests_total' },
  ],
  [
    'promqlEnergy',
    promqlEnergyHandler as QueryHandler<unknown>,
    { expr: 'sum(node_power_watts)', unit: 'watts', region: 'eu-west-1' },
  ],
];

const serve = useStubServers();

const errorBody =
  (status: number, errorType: string, error: string): http.RequestListener =>
  (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: 'error', errorType, error }));
    });
  };

const run = (handler: QueryHandler<unknown>, json: Record<string, unknown>, url: string, timeoutSeconds?: number) =>
  runHandler(handler, json, settingsFor({ url, timeoutSeconds }), { from: T0, to: T0 + 3600 });

describe.each(CASES)('%s', (_name, handler, json) => {
  it('reports a closed port as a downstream 502 naming the URL', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const err = await failure(run(handler, json, url));
    expect(err).toMatchObject({ status: 502, source: 'downstream' });
    expect(err.message).toMatch(/^Cannot reach Prometheus at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it('times out a Prometheus that never answers after timeoutSeconds, as a downstream 504', async () => {
    const url = await serve(() => undefined);
    const started = Date.now();
    const err = await failure(run(handler, json, url, 1));
    expect(err).toMatchObject({ status: 504, source: 'downstream' });
    expect(err.message).toMatch(/did not answer \/api\/v1\/\S+ within 1 s \(the "Timeout" setting, timeoutSeconds\)/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("passes Prometheus's own timeout on as a downstream 504", async () => {
    const url = await serve(errorBody(503, 'timeout', 'query timed out in query execution'));
    const err = await failure(run(handler, json, url));
    expect(err).toMatchObject({ status: 504, source: 'downstream' });
    expect(err.message).toMatch(/gave up on the query .*query timed out in query execution/);
  });
});

describe('an execution error body (HTTP 422)', () => {
  const tooMany = 'query processing would load too many samples into memory in query execution';

  it('is downstream for the PromQL the plugin builds', async () => {
    const url = await serve(errorBody(422, 'execution', tooMany));
    for (const [, handler, json] of CASES.slice(0, 2)) {
      const err = await failure(run(handler, json, url));
      expect(err).toMatchObject({ status: 422, source: 'downstream' });
      expect(err.message).toContain(`rejected a query built by the plugin (HTTP 422, execution)`);
      expect(err.message).toContain(tooMany);
    }
  });

  it("is the user's for their own expression (promqlEnergy)", async () => {
    const url = await serve(errorBody(422, 'execution', tooMany));
    const err = await failure(run(CASES[2][1], CASES[2][2], url));
    expect(err).toMatchObject({
      status: 400,
      source: 'plugin',
      message: `Prometheus rejected the expression (execution): ${tooMany}`,
    });
  });
});
