/**
 * Conformance of the billing query types (cloudEmissions, cloudTrend) of the packaged backend,
 * through go-plugin and the real pluginv2 protocol, on the billing scenario (billingScenario.ts):
 * the FOCUS datasource's health and its good queries. Every frame goes through checkGrafanaFrame
 * (grafana-plugin-sdk-go data/arrow.go rules); costs per provider are checked against sums
 * computed from the CSV. The bad queries of the same calls: billingFailures.test.ts.
 *
 * Needs `npm run build` first. Run: npx jest tests/conformance --selectProjects integration
 */
import { Type } from 'apache-arrow';

import { DAY_MS, useBillingRun } from './billingScenario';
import { expectAnsweredExactly, field, timeAndValue } from './hostHarness';

const billingRun = useBillingRun('billing-queries-');
const ready = () => billingRun().results;

function expectRelativelyClose(actual: unknown, expected: number, what: string, rel = 1e-9): void {
  expect(typeof actual).toBe('number');
  const a = actual as number;
  const tolerance = rel * Math.max(Math.abs(a), Math.abs(expected), Number.MIN_VALUE);
  if (!(Math.abs(a - expected) <= tolerance)) {
    throw new Error(`${what}: ${a} differs from the expected ${expected} by more than ${rel} relative`);
  }
}

const CO2E_AND_COST_MEASURES = ['co2e', 'co2e_low', 'co2e_high', 'cost'];

describe('billing queries of the packaged backend under go-plugin (Grafana host)', () => {
  test('the FOCUS sample covers one billing month with Usage rows of several providers', () => {
    const { fromMs, toMs, expectedCosts } = billingRun().prepared;
    expect(new Date(fromMs).getUTCDate()).toBe(1);
    expect(toMs).toBeGreaterThan(fromMs);
    expect(expectedCosts().size).toBeGreaterThan(1);
  });

  describe('CheckHealth', () => {
    test('a FOCUS datasource with the sample is OK and says the FOCUS source is OK', () => {
      const h = ready().health.focus;
      expect(h.rpcError ?? '').toBe('');
      expect({ status: h.status, statusName: h.statusName }).toEqual({ status: 1, statusName: 'OK' });
      expect(h.message).toMatch(/FOCUS[^.]*:\s*OK\b/);
      expect(h.message).not.toMatch(/FAILED/);
    });
  });

  describe('QueryData (FOCUS)', () => {
    test('both RPCs succeed; every refId gets its own response and nothing else comes back', () => {
      const r = ready();
      for (const c of r.calls) {
        expect({ call: c.name, rpcError: c.rpcError ?? '' }).toEqual({ call: c.name, rpcError: '' });
      }
      expectAnsweredExactly(r.queries, ['E', 'G', 'M', 'R', 'T', 'W', 'X']);
    });

    test('every frame passes the Grafana decoder rules (data/arrow.go)', () => {
      expect(billingRun().frameErrors).toEqual([]);
    });

    test.each(['E', 'T', 'R'])('%s succeeds with frames', (refId) => {
      const r = ready().queries[refId];
      expect({ error: r.error, errorSource: r.errorSource }).toEqual({ error: '', errorSource: '' });
      expect([0, 200]).toContain(r.status);
      expect(r.frameCount).toBeGreaterThan(0);
      expect(billingRun().frames[refId]).toHaveLength(r.frameCount);
    });

    test('E: timeseries-multi frames, one per provider and measure, labels {provider}, one Timestamp field, daily times', () => {
      const { frames, prepared } = billingRun();
      const { fromMs, toMs } = prepared;
      const providers = [...prepared.expectedCosts().keys()].sort();
      const seen: string[] = [];
      const dailyStarts = Array.from({ length: Math.round((toMs - fromMs) / DAY_MS) }, (_, i) => fromMs + i * DAY_MS);
      for (const f of frames.E) {
        const { time, value } = timeAndValue(f);
        expect(f.meta.typeVersion).not.toEqual([0, 0]);
        expect(value.labels).toEqual({ provider: expect.any(String) });
        expect(providers).toContain(value.labels!.provider);
        expect(CO2E_AND_COST_MEASURES).toContain(value.name);
        seen.push(`${value.labels!.provider}/${value.name}`);

        const ms = (time.values as bigint[]).map((ns) => Number(ns / 1_000_000n));
        expect(ms).toEqual(dailyStarts);
        expect(value.values).toHaveLength(ms.length);
        // Cost is always known. CO2e is unknown (null, not 0) on a day whose rows of the provider
        // were all unestimated, and then the frame's warning says why.
        const unknown = value.values.filter((v) => v === null).length;
        expect(value.values.every((v) => v === null || Number.isFinite(v))).toBe(true);
        if (value.name === 'cost' || unknown === 0) {
          expect({ name: value.name, unknown }).toEqual({ name: value.name, unknown: 0 });
        } else {
          const notices = (f.meta.notices ?? []) as Array<{ text: string }>;
          expect(notices.some((n) => n.text.includes('could not be estimated'))).toBe(true);
        }
      }
      expect(seen.sort()).toEqual(providers.flatMap((p) => CO2E_AND_COST_MEASURES.map((m) => `${p}/${m}`)).sort());
    });

    test('E: the daily cost series of each provider add up to the cost computed from the CSV', () => {
      const { frames, prepared } = billingRun();
      const expected = prepared.expectedCosts();
      for (const f of frames.E) {
        const value = f.fields.find((x) => x.typeId !== Type.Timestamp)!;
        if (value.name !== 'cost') {
          continue;
        }
        const provider = value.labels!.provider;
        const sum = (value.values as number[]).reduce((a, b) => a + b, 0);
        expectRelativelyClose(sum, expected.get(provider)!, `E cost of ${provider}`);
      }
    });

    test('T: one numeric-long table, one row per provider, cost = CSV sum (EffectiveCost, else BilledCost)', () => {
      const { frames, prepared } = billingRun();
      expect(frames.T).toHaveLength(1);
      const f = frames.T[0];
      expect(f.meta.type).toBe('numeric-long');
      expect(f.meta.typeVersion).not.toEqual([0, 0]);
      expect(f.fields.filter((x) => x.typeId === Type.Timestamp)).toEqual([]);
      expect(field(f, 'provider').type).toBe('Utf8');
      for (const name of CO2E_AND_COST_MEASURES) {
        expect([name, field(f, name).type]).toEqual([name, 'Float64']);
      }

      const expected = prepared.expectedCosts();
      const providers = field(f, 'provider').values as string[];
      expect([...providers].sort()).toEqual([...expected.keys()].sort());
      expect(f.rowCount).toBe(expected.size);
      const cost = field(f, 'cost').values;
      providers.forEach((provider, i) => {
        expectRelativelyClose(cost[i], expected.get(provider)!, `T cost of ${provider}`);
      });
    });

    test('R: one numeric-long frame with scope "all" and each provider; cost of this and the previous period = CSV sums', () => {
      const { frames, prepared } = billingRun();
      const { fromMs, toMs } = prepared;
      expect(frames.R).toHaveLength(1);
      const f = frames.R[0];
      expect(f.meta.type).toBe('numeric-long');
      expect(f.meta.typeVersion).not.toEqual([0, 0]);
      expect(f.fields.filter((x) => x.typeId === Type.Timestamp)).toEqual([]);
      expect(field(f, 'scope').type).toBe('Utf8');

      const now = prepared.expectedCosts();
      const before = prepared.expectedCosts(fromMs - (toMs - fromMs), fromMs);
      const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
      const scopes = field(f, 'scope').values as string[];
      expect(scopes[0]).toBe('all');
      expect(scopes.slice(1).sort()).toEqual([...new Set([...now.keys(), ...before.keys()])].sort());
      const cost = field(f, 'cost').values;
      const previous = field(f, 'cost_previous').values;
      scopes.forEach((scope, i) => {
        const expectedNow = scope === 'all' ? total(now) : (now.get(scope) ?? 0);
        const expectedBefore = scope === 'all' ? total(before) : (before.get(scope) ?? 0);
        expectRelativelyClose(cost[i], expectedNow, `R cost of ${scope}`);
        expectRelativelyClose(previous[i], expectedBefore, `R cost_previous of ${scope}`);
      });
    });
  });
});
