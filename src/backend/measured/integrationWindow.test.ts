import { integrationWindow, stepTimes, windowFor } from './integrationWindow';

const H = 3_600_000;
const T = 1_736_121_600_000; // 2025-01-06T00:00:00Z

describe('integration window', () => {
  it('keeps an aligned range, and holds range − half a step so Prometheus 2 and 3 see the same points', () => {
    const w = windowFor(T, T + 3 * H, 30_000);
    expect(w).toMatchObject({
      stepMs: 30_000,
      stepSeconds: 30,
      startMs: T,
      endMs: T + 3 * H,
      rangeSeconds: 10_800,
      steps: 360,
      step: '30s',
      range: '3h',
      window: '10785s',
    });
    expect(stepTimes(w)).toHaveLength(360);
    expect(stepTimes(w)[0]).toBe(T + 30_000);
  });

  it('cuts an unaligned range to whole steps inside it', () => {
    const w = windowFor(T + 7_000, T + H + 7_000, 60_000);
    expect(w.startMs).toBe(T + 60_000);
    expect(w.endMs).toBe(T + H);
    expect(w.steps).toBe(59);
    expect(w.window).toBe('3510s');
  });

  it('makes a range shorter than a step one step long, ending at the range end', () => {
    const w = windowFor(T + 10_000, T + 20_000, 60_000);
    expect(w.endMs).toBe(T);
    expect(w.startMs).toBe(T - 60_000);
    expect(w.steps).toBe(1);
  });

  it("takes Grafana's interval in whole seconds, widened for maxDataPoints", () => {
    const fine = integrationWindow({ timeRange: { from: T, to: T + H }, intervalMs: 15_000, maxDataPoints: 1000 });
    expect(fine.stepMs).toBe(15_000);
    const odd = integrationWindow({ timeRange: { from: T, to: T + H }, intervalMs: 1_500, maxDataPoints: 0 });
    expect(odd.stepMs).toBe(4_000); // ceil(3600 s / 999) = 3.6 s, up to whole seconds
    expect(odd.window).toBe('3598s');
    const wide = integrationWindow({ timeRange: { from: T, to: T + 24 * H }, intervalMs: 30_000, maxDataPoints: 100 });
    expect(wide.stepMs).toBe(873_000); // ceil(86,400 s / 99) = 872.7 s
    // 24 h is not a multiple of 873 s, and T is not on its grid: 98 whole steps fit.
    expect(wide.steps).toBe(98);
    expect(wide.window).toBe('85117500ms'); // 98 × 873 s − 436.5 s
  });
});
