/**
 * Signals: loads and powers as pure functions of time with exact integrals, so a counter is the
 * integral of its rate from the model's epoch whatever the moment it is read (a restarted exporter,
 * a scrape every 30 s and a backfill every 5 min all agree). Time is in seconds since the model's
 * epoch. Only shapes with closed-form integrals: constants, cosines and periodic pulses, and their
 * sums and scalings.
 */
export interface Signal {
  at(t: number): number;
  /** ∫ from 0 (the model's epoch) to t. */
  cumulative(t: number): number;
  /** Upper and lower bounds of `at`, for checks such as "never negative" and "peak below 5 %". */
  readonly max: number;
  readonly min: number;
}

const TAU = 2 * Math.PI;

export function constant(level: number): Signal {
  return { at: () => level, cumulative: (t) => level * t, max: level, min: level };
}

/** `amplitude · cos(2π (t − peakAt) / period)`: highest at `peakAt` (+ whole periods). */
export function cosine(amplitude: number, periodS: number, peakAtS = 0): Signal {
  const w = TAU / periodS;
  const a = Math.abs(amplitude);
  return {
    at: (t) => amplitude * Math.cos(w * (t - peakAtS)),
    cumulative: (t) => (amplitude / w) * (Math.sin(w * (t - peakAtS)) - Math.sin(-w * peakAtS)),
    max: a,
    min: -a,
  };
}

export function sum(...parts: Signal[]): Signal {
  return {
    at: (t) => parts.reduce((acc, p) => acc + p.at(t), 0),
    cumulative: (t) => parts.reduce((acc, p) => acc + p.cumulative(t), 0),
    max: parts.reduce((acc, p) => acc + p.max, 0),
    min: parts.reduce((acc, p) => acc + p.min, 0),
  };
}

export function scale(k: number, s: Signal): Signal {
  return {
    at: (t) => k * s.at(t),
    cumulative: (t) => k * s.cumulative(t),
    max: k >= 0 ? k * s.max : k * s.min,
    min: k >= 0 ? k * s.min : k * s.max,
  };
}

/**
 * `level` during [offset + n·period, offset + n·period + duration) for every whole n, else 0: a
 * CronJob's runs.
 */
export function pulse(level: number, periodS: number, offsetS: number, durationS: number): Signal {
  const onTime = (t: number) => {
    const since = t - offsetS;
    const n = Math.floor(since / periodS);
    return n * durationS + Math.min(since - n * periodS, durationS);
  };
  const at0 = onTime(0);
  return {
    at: (t) => {
      const r = (((t - offsetS) % periodS) + periodS) % periodS;
      return r < durationS ? level : 0;
    },
    cumulative: (t) => level * (onTime(t) - at0),
    max: Math.max(level, 0),
    min: Math.min(level, 0),
  };
}

/** `s` between `fromS` and `toS` (one CronJob run), 0 elsewhere. */
export function windowed(s: Signal, fromS: number, toS: number): Signal {
  const clamp = (t: number) => Math.min(Math.max(t, fromS), toS);
  return {
    at: (t) => (t >= fromS && t < toS ? s.at(t) : 0),
    cumulative: (t) => s.cumulative(clamp(t)) - s.cumulative(fromS),
    max: Math.max(s.max, 0),
    min: Math.min(s.min, 0),
  };
}

/**
 * The same signal, remembering its last evaluation: one render asks for a node's busy cores or a
 * pod's power many times at the same t.
 */
export function memo(s: Signal): Signal {
  let atT = NaN;
  let atV = 0;
  let cumT = NaN;
  let cumV = 0;
  return {
    at: (t) => (t === atT ? atV : ((atT = t), (atV = s.at(t)))),
    cumulative: (t) => (t === cumT ? cumV : ((cumT = t), (cumV = s.cumulative(t)))),
    max: s.max,
    min: s.min,
  };
}

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86_400;
export const WEEK = 7 * DAY;

export interface DailyShape {
  /** Mean level. */
  base: number;
  /** Swing of the daily cycle around the mean (fraction of base, 0..1). */
  daily: number;
  /** UTC hour of the daily peak (business hours of the workload's users). */
  peakHourUtc: number;
  /** Weekday/weekend swing (fraction of base); the peak is midweek. */
  weekly?: number;
  /**
   * Short-term jitter (fraction of base) from three incommensurate periods (7.3, 17.9, 53 min):
   * request-driven work never reads flat for half an hour, which tells it from a busy loop.
   */
  jitter?: number;
}

/** Epoch (t = 0) is a Wednesday 00:00 UTC (2025-01-01), so a weekly cosine peaking at 0 peaks midweek. */
export function daily(shape: DailyShape): Signal {
  const { base, daily: d, peakHourUtc, weekly = 0, jitter = 0 } = shape;
  const peak = peakHourUtc * HOUR;
  const parts = [
    constant(base),
    cosine(base * d * 0.8, DAY, peak),
    // A second harmonic flattens nights and sharpens the working day.
    cosine(base * d * 0.2, DAY / 2, peak),
    cosine(base * weekly, WEEK, 0),
    cosine(base * jitter * 0.5, 7.3 * MINUTE, 41),
    cosine(base * jitter * 0.3, 17.9 * MINUTE, 313),
    cosine(base * jitter * 0.2, 53 * MINUTE, 1201),
  ].filter((p) => p.max > 0);
  const s = memo(sum(...parts));
  if (s.min < 0) {
    throw new Error(`signal can go negative (min ${s.min}): ${JSON.stringify(shape)}`);
  }
  return s;
}
