/**
 * zombieInstances with both sources configured: the zombie scenario in a real Prometheus and AWS
 * Cost Explorer rightsizing through the real SDK against the replay server. Expected rows come
 * from the scenario's construction (IDLE_14D) and from the Terminate findings of the recorded
 * rightsizing pages, read here from the fixture JSON; failure modes use the recorded AWS errors
 * and a port nothing listens on.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Frame } from '../../src/backend/frames/frame';
import { QueryError } from '../../src/backend/core/errors';
import type { DataSourceSettings } from '../../src/backend/core/settings';
import { selectValueField } from '../../src/backend/queries/valueField';
import { loadFixture, type ReplayResponse } from '../helpers/awsReplayServer';
import { expectSummaryIsTableSums } from '../helpers/zombieSummary';
import { freePort, type PrometheusServer } from '../helpers/prometheus';
import { EC2_HOST, ZOMBIE_NODES } from '../fixtures/exporters/zombieScenario';
import { ceError, FIXTURES, settings as ceSettings, useReplayServer } from '../sources/costExplorerHarness';
import { IDLE_14D, rowsOf, runZombies, sc, startZombiePrometheus, START_TIMEOUT } from './zombieHarness';

jest.setTimeout(60_000);

const GET_RIGHTSIZING = 'AWSInsightsIndexService.GetRightsizingRecommendation';
type Page = { RightsizingRecommendations: any[]; NextPageToken?: string };
const page = (n: 1 | 2): Page => loadFixture(FIXTURES, `get-rightsizing-recommendation.page${n}.json`);
/** Instance ids of a page's Terminate findings: what Cost Explorer reports idle. */
const terminateIds = (p: Page): string[] =>
  p.RightsizingRecommendations.filter((r) => r.RightsizingType === 'Terminate').map(
    (r) => r.CurrentInstance.ResourceId
  );
const CE_IDLE = [...terminateIds(page(1)), ...terminateIds(page(2))];
const NODE_D_INSTANCE = (() => {
  const id = sc.nodes.find((n) => n.name === ZOMBIE_NODES.D)!.providerId;
  return id.slice(id.lastIndexOf('/') + 1);
})();

const replay = useReplayServer();
let prom: PrometheusServer;
beforeAll(async () => {
  prom = await startZombiePrometheus();
}, START_TIMEOUT);
afterAll(() => prom?.stop());

/** Both pages, each as recorded or changed by `edit` (a deep copy of the fixture). */
function routePages(edit: (p: Page, n: 1 | 2) => void = () => undefined): void {
  const [p1, p2] = [page(1), page(2)];
  edit(p1, 1);
  edit(p2, 2);
  replay.server.route(GET_RIGHTSIZING, (req): ReplayResponse => ({
    body: req.json.NextPageToken === p1.NextPageToken ? p2 : p1,
  }));
}

/** A copy of the page whose first Terminate finding is for `instanceId`. */
const terminateAs = (instanceId: string) => (p: Page) => {
  const finding = p.RightsizingRecommendations.find((r) => r.RightsizingType === 'Terminate');
  finding.CurrentInstance.ResourceId = instanceId;
};

function both(promUrl = prom.url): DataSourceSettings {
  const s = ceSettings();
  return { ...s, jsonData: { ...s.jsonData, prometheus: { url: promUrl } } };
}

const keys = (frame: Frame) => rowsOf(frame).map((r) => `${r.kind}:${r.source}:${r.resourceId}`);
const promKeys = IDLE_14D.map((id) => id.replace(':', ':prometheus:'));
const ceKeys = (ids: string[]) => ids.map((id) => `cloudInstance:awsCostExplorer:${id}`);
const texts = (frame: Frame, severity?: string) =>
  (frame.meta?.notices ?? []).filter((n) => !severity || n.severity === severity).map((n) => n.text);

async function failure(promise: Promise<unknown>): Promise<QueryError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(err).toBeInstanceOf(QueryError);
  replay.seenText.push((err as Error).message);
  return err as QueryError;
}

describe('zombieInstances with Prometheus and Cost Explorer', () => {
  it('returns the rows of both sources, most CO2e first, and a summary whose totals are the table sums', async () => {
    expect(CE_IDLE).toEqual(['i-0a1b2c3d4e5f60001', 'i-07c3a9e1b5d2f0003']);
    routePages();
    const s = both();
    const [table] = await runZombies(s);
    const [summary] = await runZombies(s, { format: 'summary' });
    replay.seenText.push(...texts(table), ...texts(summary));
    expect(new Set(keys(table))).toEqual(new Set([...promKeys, ...ceKeys(CE_IDLE)]));
    expect(keys(table)).toHaveLength(IDLE_14D.length + CE_IDLE.length);

    const rows = rowsOf(table);
    const co2 = rows.map((r) => r.monthlyKgCO2e as number | null);
    const known = co2.filter((v): v is number => v !== null);
    expect(known).toEqual([...known].sort((a, b) => b - a));
    expect(co2.slice(known.length).every((v) => v === null)).toBe(true);

    const sums = rowsOf(summary);
    expectSummaryIsTableSums(rows, sums);
    // 2 idle cloud instances from Prometheus (EC2 host, nas-01) + 2 Terminate findings.
    expect(sums.find((r) => r.kind === 'cloudInstance')?.count).toBe(4);
    // Prometheus knows no price for either of its instances; the bare-metal nas-01 has no energy.
    expect(texts(summary).filter((t) => t.includes('summary counts'))).toEqual([
      'cloudInstance: of 4 row(s), 2 no cost, 1 no energy estimate, 1 no CO2e estimate; the summary counts each as 0.',
    ]);
  });

  it('valueField monthlyKgCO2e on the summary gives one number per kind, the table sums', async () => {
    routePages();
    const s = both();
    const [table] = await runZombies(s);
    const [reduced] = selectValueField(await runZombies(s, { format: 'summary' }), 'monthlyKgCO2e');
    expect(reduced.fields.map((f) => [f.name, f.kind])).toEqual([
      ['kind', 'string'],
      ['monthlyKgCO2e', 'number'],
    ]);
    const kinds = reduced.fields[0].values as string[];
    expect(kinds).toEqual(['cloudInstance', 'kubernetesNode', 'workload', 'volume', 'terminatedWorkload']);
    kinds.forEach((kind, i) => {
      const expected = rowsOf(table)
        .filter((r) => r.kind === kind)
        .reduce((a, r) => a + ((r.monthlyKgCO2e as number | null) ?? 0), 0);
      expect(Math.abs((reduced.fields[1].values[i] as number) - expected)).toBeLessThanOrEqual(1e-9 * (1 + expected));
    });
  });

  it.each([
    ['an idle EC2 instance', 1, EC2_HOST.instanceId, `cloudInstance:prometheus:${EC2_HOST.instanceId}`],
    ['the instance behind an idle node', 2, NODE_D_INSTANCE, `kubernetesNode:prometheus:${ZOMBIE_NODES.D}`],
  ] as const)(
    'a Terminate finding for %s Prometheus also reports appears once, as the Prometheus row',
    async (_what, pageNo, instanceId, promKey) => {
      routePages((p, n) => n === pageNo && terminateAs(instanceId)(p));
      const [table] = await runZombies(both());
      replay.seenText.push(...texts(table));
      const untouched = pageNo === 1 ? CE_IDLE[1] : CE_IDLE[0];
      expect(new Set(keys(table))).toEqual(new Set([...promKeys, ...ceKeys([untouched])]));
      expect(keys(table)).toContain(promKey);
      expect(rowsOf(table).filter((r) => r.resourceId === instanceId)).toHaveLength(pageNo === 1 ? 1 : 0);
      expect(texts(table, 'info')).toContain(
        "1 instance(s) found idle by both Cost Explorer and Prometheus are shown once, from Prometheus (with Cost Explorer's monthly cost where Prometheus had none)."
      );
      // The bare EC2 host has no OpenCost price: its row takes the finding's MonthlyCost from the fixture.
      // Node D is priced by OpenCost: its own cost stays.
      const kept = rowsOf(table).find((r) => `${r.kind}:${r.source}:${r.resourceId}` === promKey)!;
      const finding = page(pageNo).RightsizingRecommendations.find((r: any) => r.RightsizingType === 'Terminate');
      if (pageNo === 1) {
        expect(kept.monthlyCost).toBe(Number(finding.CurrentInstance.MonthlyCost));
        expect(kept.currency).toBe(finding.CurrentInstance.CurrencyCode);
        expect(kept.method).toMatch(/Monthly cost from Cost Explorer's rightsizing finding\.$/);
      } else {
        expect(kept.monthlyCost).not.toBe(Number(finding.CurrentInstance.MonthlyCost));
        expect(kept.method).not.toMatch(/Cost Explorer/);
      }
    }
  );

  it.each([
    [
      'not enabled',
      'get-rightsizing-recommendation.not-enabled.json',
      /enable rightsizing recommendations in Cost Explorer preferences of the payer/,
    ],
    [
      'access denied',
      'get-rightsizing-recommendation.access-denied.json',
      /needs the IAM permission ce:GetRightsizingRecommendation/,
    ],
  ])('Cost Explorer %s: the Prometheus rows and a warning naming the fix', async (_what, errorFixture, fix) => {
    replay.server.route(GET_RIGHTSIZING, ceError(errorFixture));
    const [table] = await runZombies(both());
    replay.seenText.push(...texts(table));
    expect(new Set(keys(table))).toEqual(new Set(promKeys));
    const warnings = texts(table, 'warning').filter((t) => t.startsWith('AWS Cost Explorer failed: '));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(fix);
  });

  it('Prometheus unreachable: the Cost Explorer rows and a warning', async () => {
    routePages();
    const [table] = await runZombies(both(`http://127.0.0.1:${await freePort()}`));
    replay.seenText.push(...texts(table));
    expect(new Set(keys(table))).toEqual(new Set(ceKeys(CE_IDLE)));
    expect(texts(table, 'warning').filter((t) => t.startsWith('Prometheus failed: '))).toHaveLength(1);
  });

  it('both failing: one downstream error naming both sources', async () => {
    replay.server.route(GET_RIGHTSIZING, ceError('get-rightsizing-recommendation.not-enabled.json'));
    const err = await failure(runZombies(both(`http://127.0.0.1:${await freePort()}`)));
    expect(err.source).toBe('downstream');
    expect(err.message).toMatch(/^Every source failed\. /);
    expect(err.message).toMatch(/AWS Cost Explorer: Cost Explorer rightsizing recommendations are not enabled/);
    expect(err.message).toMatch(/Prometheus: Cannot reach Prometheus/);
  });

  it("sources: ['awsCostExplorer'] alone sends nothing to Prometheus", async () => {
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits++;
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      routePages();
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const [table] = await runZombies(both(url), { sources: ['awsCostExplorer'] });
      replay.seenText.push(...texts(table));
      expect(new Set(keys(table))).toEqual(new Set(ceKeys(CE_IDLE)));
      expect(hits).toBe(0);
      // The same server does answer Prometheus queries (so 0 means untouched, not unreachable).
      await runZombies(both(url)).catch(() => undefined);
      expect(hits).toBeGreaterThan(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
