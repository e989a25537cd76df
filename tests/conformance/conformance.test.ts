/**
 * Conformance of the packaged backend executable with Grafana's backend plugin protocol, checked by
 * launching it the way Grafana does: a Go host built on HashiCorp go-plugin's own client
 * (tests/conformance/host/, built by scripts/build-conformance-host.sh from Debian's Go
 * packages) runs the fixed contract scenario and writes results.json plus every raw Arrow frame;
 * this file asserts on them. Every frame also goes through checkGrafanaFrame (the rules of
 * grafana-plugin-sdk-go data/arrow.go).
 *
 * Needs `npm run build` first (dist/datasource/gpx_greenops_carbon_linux_amd64). Another
 * executable can be tested with GREENOPS_CONFORMANCE_EXECUTABLE=/path/to/plugin.
 *
 * Run: npx jest --selectProjects integration -- tests/conformance
 */
import { Type } from 'apache-arrow';

import {
  expectAnsweredExactly,
  field,
  type HealthResult,
  type HostResults,
  timeAndValue,
  useHostRun,
} from './hostHarness';

// The query range and regions of the fixed scenario (host/scenario.go defaultScenario).
const FROM_MS = Date.UTC(2024, 0, 1);
const TO_MS = Date.UTC(2024, 0, 2);
const MAX_DATA_POINTS = 100;
const REGIONS = ['eu-west-1', 'us-east-1'];

// Independent expectations for 2024 (the range's year): Electricity Maps' yearly averages as
// @tgwf/co2 0.19.0 ships them (yearly_2024.js: IE 352, US-MIDA-PJM 403 g/kWh) and AWS's own global
// PUE for 2024 (1.15, aws.amazon.com/sustainability/data-centers).
const GRAMS_PER_KWH_2024: Record<string, number> = { 'eu-west-1': 352, 'us-east-1': 403 };
const expectedGramsPerKWh = (region: string) => GRAMS_PER_KWH_2024[region];
const AWS_PUE = 1.15;

interface ResourceResult {
  code: number;
  headers: Record<string, string[]>;
  body: string;
  messages: number;
  rpcError?: string;
}
interface Results extends HostResults {
  negotiatedVersion: number;
  protocol: string;
  startMs: number;
  health: Record<string, HealthResult>;
  resources: Record<string, ResourceResult>;
  /** plugin.GRPCStdio/StreamStdio, opened once at connect by go-plugin >= 1.5 (current Grafana), not by 1.0.1. */
  stdio?: { code: string; messages: number; error?: string };
  kill: {
    called: boolean;
    aliveBeforeKill: boolean;
    killReturnedMs: number;
    exitObservedMs: number;
    exited: boolean;
    exitedWithin2s: boolean;
    forcedKill: boolean;
    exitCode: number;
    signal?: string;
  };
}

// The fixed contract scenario; results.json, frames and logs stay under .tmp/conformance-*/out/.
const hostRun = useHostRun<Results>('conformance-');
const ready = (): Results => hostRun().results;

describe('packaged backend under go-plugin (Grafana host)', () => {
  test('starts: handshake accepted, protocol version 2 over gRPC', () => {
    const r = ready();
    expect(r.negotiatedVersion).toBe(2);
    expect(r.protocol).toBe('grpc');
  });

  test('survives the StreamStdio call current go-plugin makes at connect (Grafana tolerates Unimplemented)', () => {
    const { stdio } = ready();
    expect(['Unimplemented', 'Unavailable', 'OK', 'DeadlineExceeded']).toContain(stdio?.code);
  });

  describe('CheckHealth', () => {
    test('"conformance" ({} jsonData) is OK and the message gives a positive region count', () => {
      const h = ready().health.conformance;
      expect(h.rpcError ?? '').toBe('');
      expect({ status: h.status, message: h.message }).toEqual({
        status: 1,
        message: expect.stringMatching(/regions?/i),
      });
      const m = h.message.match(/(\d+)\s+(?:[\w-]+\s+){0,2}regions?\b/i) ?? h.message.match(/regions?\W+(\d+)/i);
      expect(m).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThan(0);
    });

    test('"broken" (jsonData `{not json`) is ERROR and the message mentions jsonData', () => {
      const h = ready().health.broken;
      expect(h.rpcError ?? '').toBe('');
      expect({ status: h.status, message: h.message }).toEqual({
        status: 2,
        message: expect.stringMatching(/jsonData/i),
      });
    });
  });

  describe('QueryData', () => {
    test('every refId gets its own response and nothing else comes back', () => {
      expectAnsweredExactly(ready().queries, ['A', 'B', 'C', 'D', 'T']);
    });

    test('every frame passes the Grafana decoder rules (data/arrow.go)', () => {
      expect(hostRun().frameErrors).toEqual([]);
    });

    test.each([
      ['A', 2],
      ['T', 1],
    ])('%s succeeds with %i frame(s)', (refId, count) => {
      const r = ready().queries[refId];
      expect({ error: r.error, frameCount: r.frameCount }).toEqual({ error: '', frameCount: count });
      expect([0, 200]).toContain(r.status);
      expect(r.errorSource).toBe('');
    });

    test.each(['B', 'C', 'D'])('%s fails alone: error, status 400, errorSource "plugin"', (refId) => {
      const r = ready().queries[refId];
      expect(r.error).toEqual(expect.stringMatching(/\S/));
      expect({ status: r.status, errorSource: r.errorSource }).toEqual({ status: 400, errorSource: 'plugin' });
    });

    test('C names the unknown query type and lists the known ones', () => {
      const { error } = ready().queries.C;
      expect(error).toContain('noSuchType');
      expect(error).toContain('gridIntensity');
    });

    test('A: one timeseries-multi frame per region, nanosecond times in range, 2024 intensities', () => {
      const { frames } = hostRun();
      const seen: string[] = [];
      expect(frames.A).toHaveLength(2);
      for (const f of frames.A) {
        const { time, value } = timeAndValue(f);
        expect(f.meta.typeVersion).toEqual([0, 1]);

        expect(value.labels).toEqual({ provider: 'aws', region: expect.any(String) });
        const region = value.labels!.region;
        expect(REGIONS).toContain(region);
        seen.push(region);
        expect(value.config?.unit).toBe('suffix: gCO2e/kWh');

        const ms = (time.values as bigint[]).map((ns) => Number(ns / 1000000n));
        expect(ms.length).toBeGreaterThan(0);
        expect(ms.length).toBeLessThanOrEqual(MAX_DATA_POINTS);
        for (const t of ms) {
          expect(t).toBeGreaterThanOrEqual(FROM_MS);
          expect(t).toBeLessThanOrEqual(TO_MS);
        }
        expect([...ms].sort((a, b) => a - b)).toEqual(ms);

        expect(value.values).toHaveLength(ms.length);
        for (const v of value.values) {
          expect(v).toBeCloseTo(expectedGramsPerKWh(region), 6);
        }
      }
      expect(seen.sort()).toEqual([...REGIONS].sort());
    });

    test('T: one numeric-long table, one row per region, 2024 intensities and AWS PUE', () => {
      const { frames } = hostRun();
      expect(frames.T).toHaveLength(1);
      const f = frames.T[0];
      expect(f.meta.type).toBe('numeric-long');
      expect(f.meta.typeVersion).not.toEqual([0, 0]);
      for (const name of ['provider', 'region', 'location', 'source']) {
        expect([name, field(f, name).type]).toEqual([name, 'Utf8']);
      }
      for (const name of ['intensity', 'pue', 'year']) {
        expect([name, field(f, name).type]).toEqual([name, 'Float64']);
      }
      expect(f.fields.filter((x) => x.typeId === Type.Timestamp)).toEqual([]);
      expect(f.rowCount).toBe(REGIONS.length);

      const col = (name: string) => field(f, name).values;
      expect([...(col('region') as string[])].sort()).toEqual([...REGIONS].sort());
      expect(col('provider')).toEqual(REGIONS.map(() => 'aws'));
      for (const v of col('location')) {
        expect(v).toEqual(expect.stringMatching(/\S/));
      }
      for (const v of col('source')) {
        expect(v).toEqual(expect.stringMatching(/\S/));
      }
      col('region').forEach((region, i) => {
        expect(col('intensity')[i]).toBeCloseTo(expectedGramsPerKWh(region as string), 6);
        expect(col('pue')[i]).toBeCloseTo(AWS_PUE, 9);
        expect(Number.isInteger(col('year')[i])).toBe(true);
      });
    });
  });

  describe('CallResource', () => {
    test('query-types: 200, a JSON array containing "gridIntensity"', () => {
      const r = ready().resources['query-types'];
      expect({ rpcError: r.rpcError ?? '', code: r.code }).toEqual({ rpcError: '', code: 200 });
      const body = JSON.parse(r.body);
      expect(Array.isArray(body)).toBe(true);
      expect(body).toContain('gridIntensity');
    });

    test('regions?provider=aws: 200, a JSON array of {provider, region, location}, all aws, with eu-west-1', () => {
      const r = ready().resources.regions;
      expect({ rpcError: r.rpcError ?? '', code: r.code }).toEqual({ rpcError: '', code: 200 });
      const body = JSON.parse(r.body);
      expect(Array.isArray(body)).toBe(true);
      expect(body.length).toBeGreaterThan(0);
      for (const row of body) {
        expect(row).toEqual({ provider: 'aws', region: expect.any(String), location: expect.any(String) });
      }
      expect(body.map((row: { region: string }) => row.region)).toContain('eu-west-1');
    });

    test('an unknown path answers 404', () => {
      const r = ready().resources.nope;
      expect({ rpcError: r.rpcError ?? '', code: r.code }).toEqual({ rpcError: '', code: 404 });
    });
  });

  test('Kill: the process exits on its own within 2 s (GRPCController/Shutdown), no SIGKILL needed', () => {
    const k = ready().kill;
    expect(k.called).toBe(true);
    expect(k.aliveBeforeKill).toBe(true);
    expect({ exited: k.exited, forcedKill: k.forcedKill, signal: k.signal ?? null }).toEqual({
      exited: true,
      forcedKill: false,
      signal: null,
    });
    expect(k.exitObservedMs).toBeGreaterThanOrEqual(0);
    expect(k.exitObservedMs).toBeLessThanOrEqual(2000);
    expect(k.exitedWithin2s).toBe(true);
  });
});
