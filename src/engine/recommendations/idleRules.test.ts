/**
 * The idle rules at their boundaries: each threshold at its value (not idle: the comparisons are
 * strict), just below (idle) and just above (not idle), with the other figure well inside. "Just"
 * is the nearest doubles around the threshold, so a `<=` or a scaled threshold fails here.
 */
import {
  BYTES_PER_MB,
  DAY_MS,
  idleRule,
  machineVerdict,
  reservesCpu,
  trailingIdleDays,
  usedInWindow,
  volumeIsUnattached,
  workloadVerdict,
} from './idleRules';

/** The nearest doubles below and above x (x > 0). */
const below = (x: number) => x - x * Number.EPSILON;
const above = (x: number) => x + x * Number.EPSILON;

// AWS Compute Optimizer's idle rule: peak CPU under 5 %, network under 5 MB per day.
const rule = idleRule({ cpuPeakPercent: 5, networkMBPerDay: 5 });
const CPU = 0.05;
const NET = 5_000_000;

describe('idleRule', () => {
  it('reads percent as a fraction and MB as decimal megabytes per day', () => {
    expect(rule).toEqual({ cpuFraction: CPU, bytesPerDay: NET });
    expect(BYTES_PER_MB).toBe(1e6);
    const loose = idleRule({ cpuPeakPercent: 0.9, networkMBPerDay: 1_000_000 });
    expect(loose.cpuFraction).toBeCloseTo(0.009, 15);
    expect(loose.bytesPerDay).toBe(1e12);
  });

  it('has distinct nearest doubles around each threshold (what the boundary tests rely on)', () => {
    for (const x of [CPU, NET]) {
      expect(below(x)).toBeLessThan(x);
      expect(above(x)).toBeGreaterThan(x);
    }
  });
});

describe('machineVerdict (node or instance)', () => {
  const quiet = { peakCpuFraction: 0.01, networkBytesPerDay: 1_000 };

  it.each([
    ['peak CPU', 'peakCpuFraction', CPU],
    ['network per day', 'networkBytesPerDay', NET],
  ] as const)('%s: at the threshold busy, just below idle, just above busy', (_, field, threshold) => {
    expect(machineVerdict({ ...quiet, [field]: threshold }, rule)).toBe('busy');
    expect(machineVerdict({ ...quiet, [field]: below(threshold) }, rule)).toBe('idle');
    expect(machineVerdict({ ...quiet, [field]: above(threshold) }, rule)).toBe('busy');
  });

  it('is not judged without CPU or network figures (no evidence is not idleness)', () => {
    expect(machineVerdict({ peakCpuFraction: 0 }, rule)).toBe('noEvidence');
    expect(machineVerdict({ networkBytesPerDay: 0 }, rule)).toBe('noEvidence');
    expect(machineVerdict({}, rule)).toBe('noEvidence');
  });

  it('follows the thresholds it is given: doubling the CPU threshold makes a 7 % peak idle', () => {
    const seven = { peakCpuFraction: 0.07, networkBytesPerDay: 1_000 };
    expect(machineVerdict(seven, rule)).toBe('busy');
    expect(machineVerdict(seven, idleRule({ cpuPeakPercent: 10, networkMBPerDay: 5 }))).toBe('idle');
  });
});

describe('workloadVerdict (abandoned workload)', () => {
  const pod = (peakOfRequest: number, bytes = 1_000) => ({ peakOfRequest, bytes });

  it("each pod's peak share of its request: at the threshold busy, just below idle, just above busy", () => {
    expect(workloadVerdict([pod(0.001), pod(CPU)], 1, rule)).toBe('busy');
    expect(workloadVerdict([pod(0.001), pod(below(CPU))], 1, rule)).toBe('idle');
    expect(workloadVerdict([pod(0.001), pod(above(CPU))], 1, rule)).toBe('busy');
  });

  it('the pods’ bytes together, per day of the span: at the threshold busy, just below idle, just above busy', () => {
    const split = (total: number) => [pod(0.01, total / 2), pod(0.01, total / 2)];
    expect(workloadVerdict(split(NET), 1, rule)).toBe('busy');
    expect(workloadVerdict(split(below(NET)), 1, rule)).toBe('idle');
    expect(workloadVerdict(split(above(NET)), 1, rule)).toBe('busy');
    // Over 14 days: 14 × 5 MB is exactly the threshold per day.
    expect(workloadVerdict([pod(0.01, 14 * NET)], 14, rule)).toBe('busy');
    expect(workloadVerdict([pod(0.01, below(14 * NET))], 14, rule)).toBe('idle');
    expect(workloadVerdict([pod(0.01, above(14 * NET))], 14, rule)).toBe('busy');
  });

  it('is not judged when a pod lacks CPU or network figures, or there is no pod', () => {
    expect(workloadVerdict([pod(0.001), { peakOfRequest: 0.001 }], 1, rule)).toBe('noEvidence');
    expect(workloadVerdict([pod(0.001), { bytes: 0 }], 1, rule)).toBe('noEvidence');
    expect(workloadVerdict([], 1, rule)).toBe('noEvidence');
  });

  it('follows the thresholds it is given: doubling the CPU threshold makes a 7 % peak idle', () => {
    expect(workloadVerdict([pod(0.07)], 1, rule)).toBe('busy');
    expect(workloadVerdict([pod(0.07)], 1, idleRule({ cpuPeakPercent: 10, networkMBPerDay: 5 }))).toBe('idle');
  });
});

describe('reservesCpu', () => {
  it('counts a pod that requests any CPU, not one that requests none', () => {
    expect(reservesCpu(0)).toBe(false);
    expect(reservesCpu(-0.1)).toBe(false);
    expect(reservesCpu(Number.MIN_VALUE)).toBe(true);
    expect(reservesCpu(0.001)).toBe(true);
  });
});

describe('volumeIsUnattached', () => {
  it('is a billed volume no pod used in the window', () => {
    expect(volumeIsUnattached({ billedNow: true, usedInWindow: false })).toBe(true);
    expect(volumeIsUnattached({ billedNow: true, usedInWindow: true })).toBe(false);
    expect(volumeIsUnattached({ billedNow: false, usedInWindow: false })).toBe(false);
  });
});

describe('usedInWindow (terminated pods)', () => {
  it('is the frozen counter less what was counted at the window start, never below 0', () => {
    expect(usedInWindow(5_000)).toBe(5_000);
    expect(usedInWindow(5_000, 1_000)).toBe(4_000);
    expect(usedInWindow(5_000, 5_000)).toBe(0);
    expect(usedInWindow(5_000, above(5_000))).toBe(0);
    expect(usedInWindow(5_000, below(5_000))).toBeGreaterThan(0);
  });
});

describe('trailingIdleDays', () => {
  const END = Date.UTC(2025, 0, 15);
  const window = { startMs: END - 3 * DAY_MS, endMs: END };

  it('counts the idle days back from the end, at most the window (a day ending at its start is outside)', () => {
    const asked: number[] = [];
    expect(trailingIdleDays(window, (t) => (asked.push(t), true))).toBe(3);
    expect(asked).toEqual([END, END - DAY_MS, END - 2 * DAY_MS]);
    // One ms more of window takes in the day that ends at the old start.
    expect(trailingIdleDays({ ...window, startMs: window.startMs - 1 }, () => true)).toBe(4);
  });

  it('stops at the first day that was not idle or has no data', () => {
    expect(trailingIdleDays(window, (t) => t > END - DAY_MS)).toBe(1);
    expect(trailingIdleDays(window, (t) => (t === END ? true : undefined))).toBe(1);
    expect(trailingIdleDays(window, () => false)).toBe(0);
  });
});
