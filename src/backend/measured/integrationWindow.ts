/**
 * The step grid measured-energy queries integrate over, shared by processPower, energyPerUnit and
 * promqlEnergy so their Joules agree.
 *
 * Convention: a value at step time t stands for the step (t − step, t], as Scaphandre's gauges
 * (power = Δenergy/Δt of the last two readings) and `rate()` results do. The range is cut to whole
 * steps aligned on multiples of the step since the epoch (Prometheus aligns subquery points the
 * same way): `(startMs, endMs]` holds exactly `steps` step times, `startMs + step … endMs`.
 *
 * `window` is the range minus half a step. Prometheus 2 range selectors include both ends, so
 * `[3h:30s]` at endMs holds 361 aligned points (startMs too); Prometheus 3 excludes the left end
 * and holds 360. `[10785s:30s]` holds the same 360 on both, and the half-step margin keeps that true
 * when timestamps are a few milliseconds off the grid.
 */
import { promDuration } from '../sources/prometheus/promql';
import type { QueryRequest } from '../core/queryRequest';
import { seriesStep } from '../core/timeGrid';

export interface IntegrationWindow {
  /** Whole seconds, at least 1 s. */
  stepMs: number;
  stepSeconds: number;
  /** Aligned on the step; the window is (startMs, endMs]. */
  startMs: number;
  endMs: number;
  rangeMs: number;
  rangeSeconds: number;
  /** rangeMs / stepMs, at least 1. */
  steps: number;
  /** PromQL duration of the step, e.g. `30s`. */
  step: string;
  /** PromQL duration of the range, e.g. `3h` (for `offset`). */
  range: string;
  /** PromQL duration holding exactly `steps` aligned points before endMs: range − step/2. */
  window: string;
}

/** The window for a request: Grafana's interval, widened to honour maxDataPoints, in whole seconds. */
export function integrationWindow(
  request: Pick<QueryRequest<unknown>, 'timeRange' | 'intervalMs' | 'maxDataPoints'>
): IntegrationWindow {
  const stepMs = Math.ceil(seriesStep(request.timeRange, request.intervalMs, request.maxDataPoints) / 1000) * 1000;
  return windowFor(request.timeRange.from, request.timeRange.to, stepMs);
}

/** The aligned window for [fromMs, toMs] at `stepMs`; a range shorter than a step becomes the step ending at toMs. */
export function windowFor(fromMs: number, toMs: number, stepMs: number): IntegrationWindow {
  const endMs = Math.floor(toMs / stepMs) * stepMs;
  let startMs = Math.ceil(fromMs / stepMs) * stepMs;
  if (endMs - startMs < stepMs) {
    startMs = endMs - stepMs;
  }
  const rangeMs = endMs - startMs;
  return {
    stepMs,
    stepSeconds: stepMs / 1000,
    startMs,
    endMs,
    rangeMs,
    rangeSeconds: rangeMs / 1000,
    steps: Math.round(rangeMs / stepMs),
    step: promDuration(stepMs),
    range: promDuration(rangeMs),
    window: promDuration(rangeMs - stepMs / 2),
  };
}

/** The step times of the window, `startMs + step … endMs`. */
export function stepTimes(w: IntegrationWindow): number[] {
  const out: number[] = [];
  for (let t = w.startMs + w.stepMs; t <= w.endMs; t += w.stepMs) {
    out.push(t);
  }
  return out;
}
