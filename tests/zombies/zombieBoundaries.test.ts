/**
 * The idle thresholds against a real Prometheus: resources 4 % under and over the default
 * thresholds (tests/fixtures/exporters/zombieBoundaryScenario.ts). With the defaults exactly the
 * `-under` ones are reported; thresholds a little above the `-over` figures take them in too. So
 * doubling a threshold, halving it, or reading it in other units fails here, as it would in the
 * engine's unit tests (src/engine/recommendations/idleRules.test.ts).
 */
import fs from 'fs';
import path from 'path';

import { hexId } from '../fixtures/exporters/openmetrics';
import {
  BOUNDARY,
  BOUNDARY_IDLE,
  BOUNDARY_OVER,
  zombieBoundaryScenario,
} from '../fixtures/exporters/zombieBoundaryScenario';
import { prepareZombieTsdb } from '../fixtures/exporters/zombieFixture';
import { makeScratchDir, SCRATCH_ROOT, startPrometheus, type PrometheusServer } from '../helpers/prometheus';
import { runHandler } from '../energy/energyTestKit';
import { zombieInstancesHandler } from '../../src/backend/queries/zombies/zombieInstances';
import { byId, type Row, settingsFor, START_TIMEOUT } from './zombieHarness';

jest.setTimeout(60_000);

const bz = zombieBoundaryScenario();
const END = bz.scenario.end;
const WINDOW = { windowDays: 2 };

let prom: PrometheusServer;
beforeAll(async () => {
  // Cached by content: a changed scenario is a new TSDB.
  const cache = path.join(SCRATCH_ROOT, 'zombie-boundary-tsdb', hexId(JSON.stringify(bz), 12));
  const tsdb = await prepareZombieTsdb(bz, cache);
  const copy = makeScratchDir('zombie-boundary-data-');
  fs.cpSync(tsdb.dataDir, copy, { recursive: true });
  const served = await startPrometheus('', { dataDir: copy, lookbackDelta: '299s', startTimeoutMs: 60_000 });
  prom = {
    ...served,
    stop: async () => {
      await served.stop();
      fs.rmSync(copy, { recursive: true, force: true });
    },
  };
}, START_TIMEOUT);
afterAll(() => prom?.stop());

async function rows(json: Record<string, unknown>): Promise<Map<string, Row>> {
  const settings = settingsFor({ prometheus: { url: prom.url } });
  const frames = await runHandler(zombieInstancesHandler, { ...WINDOW, ...json }, settings, {
    from: END - 6 * 3600,
    to: END,
    stepS: 300,
  });
  return byId(frames[0]);
}

const near = (actual: unknown, expected: number) => {
  expect(typeof actual).toBe('number');
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-6);
};

describe('idle thresholds at their boundaries (real Prometheus)', () => {
  it('the default thresholds report exactly what is 4 % under them, nothing 4 % over', async () => {
    const found = await rows({});
    expect([...found.keys()].sort()).toEqual([...BOUNDARY_IDLE].sort());
    // What Prometheus measured is the scenario's figure, 4 % under the threshold.
    const underCpu = BOUNDARY.cpuPercent * BOUNDARY.under;
    const underBytes = BOUNDARY.mbPerDay * 1e6 * BOUNDARY.under;
    near(found.get('workload:boundary/cpu-under')?.peakCpuPercent, underCpu);
    near(found.get('cloudInstance:host-cpu-under')?.peakCpuPercent, underCpu);
    near(found.get('workload:boundary/net-under')?.networkBytesPerDay, underBytes);
    near(found.get('cloudInstance:host-net-under')?.networkBytesPerDay, underBytes);
  });

  it('thresholds 5 % above the defaults take in the resources 4 % over them, at their measured figures', async () => {
    const found = await rows({
      cpuPeakPercent: BOUNDARY.cpuPercent * 1.05,
      networkMBPerDay: BOUNDARY.mbPerDay * 1.05,
    });
    expect([...found.keys()].sort()).toEqual([...BOUNDARY_IDLE, ...BOUNDARY_OVER].sort());
    const overCpu = BOUNDARY.cpuPercent * BOUNDARY.over;
    const overBytes = BOUNDARY.mbPerDay * 1e6 * BOUNDARY.over;
    near(found.get('workload:boundary/cpu-over')?.peakCpuPercent, overCpu);
    near(found.get('workload:boundary/one-pod-over')?.peakCpuPercent, overCpu);
    near(found.get('cloudInstance:host-cpu-over')?.peakCpuPercent, overCpu);
    near(found.get('workload:boundary/net-over')?.networkBytesPerDay, overBytes);
    near(found.get('workload:boundary/together-over')?.networkBytesPerDay, overBytes);
    near(found.get('cloudInstance:host-net-over')?.networkBytesPerDay, overBytes);
  });
});
