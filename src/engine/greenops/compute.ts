/**
 * Compute (and GPU instance) rows: vCPU-hours and instance-hours from the bill, energy from the
 * Teads power curve of the instance where there is one, else from CCF's per-vCPU model, and
 * embodied emissions reserved per instance-hour (SCI), not per instance-hour / vCPUs as CCF does.
 */
import type { UsageClassification } from '../classify';
import { BURSTABLE_BASELINE_PERCENT, EC2_FAMILIES } from '../classify/awsCatalogue';
import type { UsageRow } from '../usage';
import { COEFFICIENTS as K } from './coefficients';
import { emptyDraft, type Draft } from './draft';
import type { GridFactor } from './grid';
import { ccfMemoryGbPerInstanceHour, gpuWatts, vCpuWatts, wattsAt } from './perVcpu';
import { instanceWatts, teadsCurve, type InstanceWatts } from './powerCurve';

export interface Utilisation {
  central: number;
  low: number;
  high: number;
}

/**
 * The utilisation to evaluate power at. A measured value (0..100) is used as is, with no band;
 * otherwise CCF's 50% (a burstable instance's baseline) within the band of uncertainty.json.
 */
export function utilisationFor(c: UsageClassification, measured?: number): Utilisation {
  if (measured !== undefined && Number.isFinite(measured) && measured >= 0 && measured <= 100) {
    return { central: measured, low: measured, high: measured };
  }
  const baseline = c.burstable && c.instanceType ? BURSTABLE_BASELINE_PERCENT.get(c.instanceType) : undefined;
  const central = baseline ?? K.defaultUtilisationPercent;
  return {
    central,
    low: Math.min(K.utilisationBandPercent.low, central),
    high: Math.max(K.utilisationBandPercent.high, central),
  };
}

interface ComputeUsage {
  vCpuHours: number;
  /** Hours of one whole instance, when the line bills an instance whose vCPUs are known. */
  instanceHours?: number;
}

/** vCPU-hours (and instance-hours) of a compute line; undefined when the bill does not say enough. */
export function computeUsage(row: UsageRow, c: UsageClassification): ComputeUsage | undefined {
  const amount = row.amount * c.unitMultiplier;
  switch (c.unit) {
    case 'gb-seconds':
      // Lambda allocates CPU in proportion to memory: 1,769 MB = 1 vCPU (AWS docs), 1 GB = 1024 MB.
      return { vCpuHours: amount / K.lambdaGbPerVCpu / 3600 };
    case 'seconds':
      return { vCpuHours: amount / 3600 };
    case 'vcpu-hours':
      return { vCpuHours: amount };
    case 'ocpu-hours':
    case 'dpu-hours':
    case 'acu-hours':
      return { vCpuHours: amount * (K.vCpusPerUnit.get(c.unit) ?? NaN) };
    case 'hours':
      if (c.instanceVCpus !== undefined) {
        return { vCpuHours: amount * c.instanceVCpus, instanceHours: amount };
      }
      if (c.service === 'AWSGlue') {
        return { vCpuHours: amount * (K.vCpusPerUnit.get('dpu-hours') ?? NaN) };
      }
      if (c.service === 'AmazonSimpleDB' || /Fargate-vCPU-Hours|CPUCredits/.test(c.usageType)) {
        return { vCpuHours: amount };
      }
      return undefined;
    default:
      return undefined;
  }
}

/** CCF's model for a whole instance: per-vCPU watts + memory above SPECpower + GPUs. */
function perVcpuInstanceWatts(c: UsageClassification, vCpus: number, utilisation: number): InstanceWatts {
  const compute = wattsAt(vCpuWatts(c), utilisation) * vCpus;
  const memory = ccfMemoryGbPerInstanceHour(c) * K.memoryKWhPerGbHour * 1000;
  const gpuPerUnit = gpuWatts(c);
  const gpu = gpuPerUnit ? wattsAt(gpuPerUnit, utilisation) * c.gpusPerInstance : 0;
  return { total: compute + memory + gpu, compute, memory, gpu };
}

/** SCI M = TE × (TR / EL) × (RR / ToR), TR in instance-hours; TE from CCF's EC2 table (tonnes). */
export function embodiedKg(c: UsageClassification, instanceHours: number): number {
  const family = c.cloud === 'aws' && c.instanceFamily ? EC2_FAMILIES.get(c.instanceFamily) : undefined;
  const size = family && c.instanceSize ? family.sizes.get(c.instanceSize) : undefined;
  if (!family || !size || !(size.third > 0)) {
    return 0;
  }
  return size.third * 1000 * (instanceHours / K.lifespanHours) * (size.vCpus / family.lastListed.vCpus);
}

export function computeDraft(
  row: UsageRow,
  c: UsageClassification,
  grid: GridFactor,
  u: Utilisation
): Draft | undefined {
  const usage = computeUsage(row, c);
  if (!usage || !Number.isFinite(usage.vCpuHours)) {
    return undefined;
  }
  // Watts per billed hour: per instance when the instance is known, else per vCPU.
  const hours = usage.instanceHours ?? usage.vCpuHours;
  const toKWh = (watts: number) => (watts * hours * grid.pue * c.replicationFactor) / 1000;
  const curve = usage.instanceHours !== undefined ? teadsCurve(c) : undefined;
  const vCpus = usage.instanceHours !== undefined ? (c.instanceVCpus ?? 1) : 1;
  const perVcpu = (at: number) =>
    usage.instanceHours !== undefined
      ? perVcpuInstanceWatts(c, vCpus, at)
      : { total: wattsAt(vCpuWatts(c), at), compute: wattsAt(vCpuWatts(c), at), memory: 0, gpu: 0 };

  const central = curve ? instanceWatts(curve, u.central) : perVcpu(u.central);
  // With two models, the band is their envelope at the band's ends (uncertainty.json powerModel).
  const low = curve ? Math.min(instanceWatts(curve, u.low).total, perVcpu(u.low).total) : perVcpu(u.low).total;
  const high = curve ? Math.max(instanceWatts(curve, u.high).total, perVcpu(u.high).total) : perVcpu(u.high).total;

  const draft = emptyDraft();
  draft.energy.compute = toKWh(central.compute);
  draft.energy.memory = toKWh(central.memory);
  draft.energy.gpu = toKWh(central.gpu);
  draft.kWhLow = toKWh(low);
  draft.kWhHigh = toKWh(high);
  draft.vCpuHours = usage.vCpuHours;
  if (usage.instanceHours !== undefined) {
    draft.embodiedKg = embodiedKg(c, usage.instanceHours);
    draft.embodiedLowKg = draft.embodiedKg * K.embodiedLowFactor;
    draft.embodiedHighKg = draft.embodiedKg;
  }
  return draft;
}
