/**
 * Per-instance power curves (Teads 2021, data/teads-aws-instances.json): watts of an AWS instance
 * at 0, 10, 50 and 100% CPU load, interpolated piecewise-linearly at the utilisation in use.
 * The curve includes the instance's share of RAM, GPUs and the rest of the server; it excludes PUE.
 */
import type { UsageClassification } from '../classify';
import teadsJson from '../data/teads-aws-instances.json';

export interface PowerCurve {
  /** Total instance watts at each load point (Teads "Instance @ load"). */
  instance: readonly number[];
  pkg: readonly number[];
  ram: readonly number[];
  gpu: readonly number[];
  /** Rest of the server (fans, board, drives): constant over load. */
  delta: number;
}

/** Watts at one utilisation, split so that compute + memory + gpu = total. */
export interface InstanceWatts {
  total: number;
  compute: number;
  memory: number;
  gpu: number;
}

const LOADS: readonly number[] = teadsJson.loadPercent;
const CURVES: ReadonlyMap<string, PowerCurve> = new Map(
  Object.entries(teadsJson.instances as Record<string, PowerCurve>)
);

if (LOADS.length < 2 || LOADS[0] !== 0 || LOADS[LOADS.length - 1] !== 100) {
  throw new Error('Invalid teads-aws-instances.json: loadPercent must run from 0 to 100');
}

/**
 * The curve for a classified AWS instance. Teads lists RDS, ElastiCache and OpenSearch nodes under
 * their own names (`db.m5.large` runs on a different CPU than `m5.large`), so those are tried first.
 */
export function teadsCurve(c: UsageClassification): PowerCurve | undefined {
  if (c.cloud !== 'aws' || !c.instanceType) {
    return undefined;
  }
  const candidates = [
    c.instancePrefix === 'db' || c.instancePrefix === 'cache' ? `${c.instancePrefix}.${c.instanceType}` : '',
    c.usageTypeWithoutRegion.includes('.elasticsearch') ? `${c.instanceType}.elasticsearch` : '',
    c.instanceType,
  ];
  for (const name of candidates) {
    const curve = name ? CURVES.get(name) : undefined;
    if (curve) {
      return curve;
    }
  }
  return undefined;
}

/** Piecewise-linear value of `points` (one per load point) at `utilisation` percent, clamped to 0..100. */
export function interpolate(points: readonly number[], utilisation: number): number {
  const u = Math.min(100, Math.max(0, utilisation));
  let i = 1;
  while (i < LOADS.length - 1 && u > LOADS[i]) {
    i++;
  }
  const share = (u - LOADS[i - 1]) / (LOADS[i] - LOADS[i - 1]);
  return points[i - 1] + share * (points[i] - points[i - 1]);
}

/** `instanceWatts(curve, utilisation).total`. */
export const instanceTotalWatts = (curve: PowerCurve, utilisation: number): number =>
  interpolate(curve.instance, utilisation);

/**
 * Instance watts at `utilisation`. The total follows Teads' published instance curve exactly; the
 * split into compute (CPU package + rest of server), memory and GPU follows the component curves.
 */
export function instanceWatts(curve: PowerCurve, utilisation: number): InstanceWatts {
  const total = instanceTotalWatts(curve, utilisation);
  const compute = interpolate(curve.pkg, utilisation) + curve.delta;
  const memory = interpolate(curve.ram, utilisation);
  const gpu = interpolate(curve.gpu, utilisation);
  const parts = compute + memory + gpu;
  const scale = parts > 0 ? total / parts : 0;
  return { total, compute: compute * scale, memory: memory * scale, gpu: gpu * scale };
}
