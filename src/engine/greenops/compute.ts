/**
 * Compute (and GPU instance) rows: vCPU-hours and instance-hours from the bill, energy from the
 * Teads power curve of the instance where there is one, else from CCF's per-vCPU model, and
 * embodied emissions reserved per instance-hour (SCI), not per instance-hour / vCPUs as CCF does.
 *
 * Everything but the amount depends on the line alone, so the watts and embodied factors are
 * worked out once per line (ComputeProfile) and a row costs a few multiplications.
 */
import type { UsageClassification } from '../classify';
import { BURSTABLE_BASELINE_PERCENT, EC2_FAMILIES } from '../classify/awsCatalogue';
import type { UsageRow } from '../usage';
import { COEFFICIENTS as K } from './coefficients';
import type { Draft } from './draft';
import type { GridTerms } from './grid';
import type { GreenopsLine } from './line';
import { newerAwsInstance } from './newerAwsInstances';
import { ccfMemoryGbPerInstanceHour, gpuWatts, vCpuWatts, wattsAt, type MinMaxWatts } from './perVcpu';
import { instanceTotalWatts, instanceWatts, teadsCurve, type InstanceWatts, type PowerCurve } from './powerCurve';

export interface Utilisation {
  central: number;
  low: number;
  high: number;
}

/** True for a measured utilisation (percent) that replaces the default and its band. */
export const isMeasuredUtilisation = (measured: number | undefined): measured is number =>
  measured !== undefined && Number.isFinite(measured) && measured >= 0 && measured <= 100;

/**
 * The utilisation to evaluate power at. A measured value (0..100) is used as is, with no band;
 * otherwise CCF's 50% (a burstable instance's baseline) within the band of uncertainty.json.
 */
export function utilisationFor(c: UsageClassification, measured?: number): Utilisation {
  if (isMeasuredUtilisation(measured)) {
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

/** How a compute line's vCPU-hours follow from its amount (in the line's normalised unit). */
export const enum VCpuRule {
  /** The bill does not say enough: the line goes to the unknown-usage pass. */
  None,
  /** Lambda allocates CPU in proportion to memory: 1,769 MB = 1 vCPU (AWS docs), 1 GB = 1024 MB. */
  LambdaGbSeconds,
  Seconds,
  AsIs,
  /** amount × vCPUs per unit (instance vCPUs, OCPU, DPU, ACU). */
  Times,
}

/** Watts per billed hour at the central utilisation, split by component, and at both band ends. */
export class PowerDraw {
  constructor(
    readonly compute: number,
    readonly memory: number,
    readonly gpu: number,
    readonly low: number,
    readonly high: number
  ) {}
}

function vCpuRuleOf(c: UsageClassification): VCpuRule {
  switch (c.unit) {
    case 'gb-seconds':
      return VCpuRule.LambdaGbSeconds;
    case 'seconds':
      return VCpuRule.Seconds;
    case 'vcpu-hours':
      return VCpuRule.AsIs;
    case 'ocpu-hours':
    case 'dpu-hours':
    case 'acu-hours':
      return VCpuRule.Times;
    case 'hours':
      if (c.instanceVCpus !== undefined || c.service === 'AWSGlue') {
        return VCpuRule.Times;
      }
      if (c.service === 'AmazonSimpleDB' || /Fargate-vCPU-Hours|CPUCredits/.test(c.usageType)) {
        return VCpuRule.AsIs;
      }
      return VCpuRule.None;
    default:
      return VCpuRule.None;
  }
}

/** The factor of VCpuRule.Times: the instance's vCPUs, or per OCPU, DPU (Glue hours) and ACU. */
function vCpusPerUnitOf(c: UsageClassification): number {
  if (c.unit === 'hours') {
    return c.instanceVCpus ?? K.vCpusPerUnit.get('dpu-hours') ?? NaN;
  }
  return K.vCpusPerUnit.get(c.unit) ?? NaN;
}

function vCpuHours(p: ComputeProfile, amount: number): number {
  switch (p.vCpuRule) {
    case VCpuRule.LambdaGbSeconds:
      return amount / K.lambdaGbPerVCpu / 3600;
    case VCpuRule.Seconds:
      return amount / 3600;
    case VCpuRule.AsIs:
      return amount;
    case VCpuRule.Times:
      return amount * p.vCpusPerUnit;
    default:
      return NaN;
  }
}

/** CCF's per-vCPU model of one line: per instance (per-vCPU watts + memory above SPECpower + GPUs), or per vCPU. */
class PerVcpuModel {
  private readonly cpu: MinMaxWatts;
  private readonly vCpus: number;
  private readonly memory: number;
  private readonly gpu: MinMaxWatts | undefined;

  constructor(
    private readonly c: UsageClassification,
    private readonly perInstance: boolean
  ) {
    this.cpu = vCpuWatts(c);
    this.vCpus = perInstance ? (c.instanceVCpus ?? 1) : 1;
    this.memory = perInstance ? ccfMemoryGbPerInstanceHour(c) * K.memoryKWhPerGbHour * 1000 : 0;
    this.gpu = perInstance ? gpuWatts(c) : undefined;
  }

  at(utilisation: number): InstanceWatts {
    if (!this.perInstance) {
      const watts = wattsAt(this.cpu, utilisation);
      return { total: watts, compute: watts, memory: 0, gpu: 0 };
    }
    const compute = this.computeAt(utilisation);
    const gpu = this.gpuAt(utilisation);
    return { total: compute + this.memory + gpu, compute, memory: this.memory, gpu };
  }

  /** `at(utilisation).total`. */
  totalAt(utilisation: number): number {
    return this.perInstance
      ? this.computeAt(utilisation) + this.memory + this.gpuAt(utilisation)
      : wattsAt(this.cpu, utilisation);
  }

  private computeAt(utilisation: number): number {
    return wattsAt(this.cpu, utilisation) * this.vCpus;
  }

  private gpuAt(utilisation: number): number {
    return this.gpu ? wattsAt(this.gpu, utilisation) * this.c.gpusPerInstance : 0;
  }
}

/** Watts per billed hour (per instance, or per vCPU) at `u`. */
export function powerDraw(c: UsageClassification, perInstance: boolean, u: Utilisation): PowerDraw {
  const perVcpu = new PerVcpuModel(c, perInstance);
  const curve: PowerCurve | undefined = perInstance ? teadsCurve(c) : undefined;
  const central = curve ? instanceWatts(curve, u.central) : perVcpu.at(u.central);
  // With two models, the band is their envelope at the band's ends (uncertainty.json powerModel).
  const low = curve ? Math.min(instanceTotalWatts(curve, u.low), perVcpu.totalAt(u.low)) : perVcpu.totalAt(u.low);
  const high = curve ? Math.max(instanceTotalWatts(curve, u.high), perVcpu.totalAt(u.high)) : perVcpu.totalAt(u.high);
  return new PowerDraw(central.compute, central.memory, central.gpu, low, high);
}

const NO_POWER = new PowerDraw(0, 0, 0, 0, 0);

/**
 * What a compute row needs from its line. Classes rather than object literals for per-call objects:
 * see CcfAwsProfile (ccf/awsProfile.ts).
 */
export class ComputeProfile {
  readonly vCpuRule: VCpuRule;
  readonly vCpusPerUnit: number;
  /** The line bills whole instances whose vCPUs are known: watts and embodied are per instance-hour. */
  readonly perInstance: boolean;
  /** At the default utilisation and its band. */
  readonly power: PowerDraw;
  /** SCI embodied factors: kg = embodiedTonnesKg × (hours / lifespan) × embodiedShare (0 without data). */
  readonly embodiedTonnesKg: number;
  readonly embodiedShare: number;
  /** Embodied kg per vCPU-hour where the bill is per vCPU and the host is known (GCP core SKUs). */
  readonly embodiedKgPerVCpuHour: number;

  constructor(c: UsageClassification) {
    this.vCpuRule = vCpuRuleOf(c);
    this.vCpusPerUnit = this.vCpuRule === VCpuRule.Times ? vCpusPerUnitOf(c) : NaN;
    this.perInstance = c.unit === 'hours' && c.instanceVCpus !== undefined;
    this.power = this.vCpuRule === VCpuRule.None ? NO_POWER : powerDraw(c, this.perInstance, utilisationFor(c));
    // SCI M = TE × (TR / EL) × (RR / ToR), TR in instance-hours; TE from CCF's EC2 table (tonnes),
    // else from the 2026 list (kg).
    const family =
      this.perInstance && c.cloud === 'aws' && c.instanceFamily ? EC2_FAMILIES.get(c.instanceFamily) : undefined;
    const size = family && c.instanceSize ? family.sizes.get(c.instanceSize) : undefined;
    const embodied = family && size && size.third > 0;
    // Types CCF's table lacks: the 2026 list's host (largest size of the family).
    const newer = this.perInstance && !embodied ? newerAwsInstance(c) : undefined;
    // Other catalogues (Azure VM sizes) give the host's kg and the share directly.
    const other = this.perInstance && !embodied && !newer ? c.embodied : undefined;
    this.embodiedTonnesKg = embodied ? size.third * 1000 : (newer?.embodiedKg ?? other?.kg ?? 0);
    this.embodiedShare = embodied
      ? size.vCpus / family.lastListed.vCpus
      : newer
        ? newer.vCpus / newer.largest.vCpus
        : (other?.share ?? 0);
    this.embodiedKgPerVCpuHour =
      !this.perInstance && this.vCpuRule === VCpuRule.AsIs && c.embodied
        ? (c.embodied.kg * c.embodied.share) / K.lifespanHours
        : 0;
  }
}

/**
 * A compute row into `d` (reset); false when its vCPU-hours are unknown or not finite (then it
 * goes to the unknown-usage pass). `power` is the profile's, or the row's measured utilisation's.
 */
export function computeRow(
  d: Draft,
  row: UsageRow,
  line: GreenopsLine,
  p: ComputeProfile,
  power: PowerDraw,
  grid: GridTerms
): boolean {
  const amount = row.amount * line.unitMultiplier;
  const vch = vCpuHours(p, amount);
  if (!Number.isFinite(vch)) {
    return false;
  }
  // Watts per billed hour: per instance when the instance is known, else per vCPU.
  const hours = p.perInstance ? amount : vch;
  const pue = grid.pue;
  const rf = line.replicationFactor;
  d.compute = (power.compute * hours * pue * rf) / 1000;
  d.memory = (power.memory * hours * pue * rf) / 1000;
  d.gpu = (power.gpu * hours * pue * rf) / 1000;
  d.kWhLow = (power.low * hours * pue * rf) / 1000;
  d.kWhHigh = (power.high * hours * pue * rf) / 1000;
  if (p.vCpuRule === VCpuRule.LambdaGbSeconds) {
    // Lambda bills memory: GB-seconds are GB-hours × 3600 of memory as well as (by AWS's ratio) CPU.
    const gbHours = amount / 3600;
    const memory = gbHours * K.memoryKWhPerGbHour * pue * rf;
    d.memory += memory;
    d.kWhLow += gbHours * K.memoryLowKWhPerGbHour * pue * rf;
    d.kWhHigh += memory;
  }
  d.vCpuHours = vch;
  if (p.perInstance) {
    d.embodiedKg = p.embodiedTonnesKg ? p.embodiedTonnesKg * (amount / K.lifespanHours) * p.embodiedShare : 0;
    d.embodiedLowKg = d.embodiedKg * K.embodiedLowFactor;
    d.embodiedHighKg = d.embodiedKg;
  } else if (p.embodiedKgPerVCpuHour) {
    d.embodiedKg = p.embodiedKgPerVCpuHour * vch;
    d.embodiedLowKg = d.embodiedKg * K.embodiedLowFactor;
    d.embodiedHighKg = d.embodiedKg;
  }
  return true;
}
