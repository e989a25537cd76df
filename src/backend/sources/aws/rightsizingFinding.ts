/**
 * One GetRightsizingRecommendation finding as typed data. The API sends every number as a string
 * ("MonthlyCost": "70.08", "MaxCpuUtilizationPercentage": "2.5") and names regions by location.
 * RightsizingType is read case-insensitively: the SDK model lists TERMINATE/MODIFY, while clients
 * of the live API (Cloud Carbon Footprint among them) compare it with "Terminate"/"Modify", as the
 * fixtures spell it. A number AWS leaves out (or sends as "") is null, never 0.
 */
import type {
  EC2ResourceUtilization,
  GetRightsizingRecommendationCommandOutput,
  RightsizingRecommendation,
  TargetInstance,
} from '@aws-sdk/client-cost-explorer';
import { regionCodeOfLocation } from './rightsizingRegions';

export type RightsizingKind = 'terminate' | 'modify';

export interface NetworkUtilisation {
  inBytesPerSecond: number | null;
  outBytesPerSecond: number | null;
}

export interface DiskUtilisation {
  readOpsPerSecond: number | null;
  writeOpsPerSecond: number | null;
  readBytesPerSecond: number | null;
  writeBytesPerSecond: number | null;
}

export interface RightsizingFinding {
  accountId: string;
  instanceId: string;
  /** InstanceName, else the Name tag; '' when the instance has none. */
  name: string;
  instanceType: string;
  platform: string;
  /** Region code (`eu-west-1`); '' when the location name is unknown (see regionName). */
  region: string;
  /** The location as AWS printed it ("EU (Ireland)"). */
  regionName: string;
  vCpus: number | null;
  /** Peak over the lookback period, percent. */
  maxCpuPercent: number | null;
  /** Only with the CloudWatch agent installed. */
  maxMemoryPercent: number | null;
  network: NetworkUtilisation | null;
  /** Instance-store disk. */
  disk: DiskUtilisation | null;
  ebs: DiskUtilisation | null;
  lookbackDays: number;
  /** On-Demand cost of running the instance for a month. */
  monthlyCost: number | null;
  currency: string;
  kind: RightsizingKind;
  /** The recommended type (Modify); '' for Terminate. */
  targetInstanceType: string;
  targetVCpus: number | null;
  targetMonthlyCost: number | null;
  /** Terminate: the current cost; Modify: current minus target, as AWS works it out. */
  estimatedMonthlySavings: number | null;
  /** Peak CPU AWS expects on the target type (Modify). */
  targetMaxCpuPercent: number | null;
  reasons: string[];
  /** Metadata.GenerationTimestamp (epoch ms); null when absent. */
  generatedAt: number | null;
}

export type RightsizingPage = Pick<
  GetRightsizingRecommendationCommandOutput,
  'RightsizingRecommendations' | 'NextPageToken' | 'Metadata' | 'Summary' | 'Configuration'
>;

/** What normalising saw that the user should hear about. */
export interface NormaliseStats {
  /** Location names with no region code. */
  unknownRegions: Set<string>;
  /** Findings without an instance id or with a kind other than Terminate/Modify. */
  skipped: number;
  /** Numbers that were present but not numbers. */
  badNumbers: number;
}

export const emptyNormaliseStats = (): NormaliseStats => ({ unknownRegions: new Set(), skipped: 0, badNumbers: 0 });

/**
 * Rightsizing looks at the last 14 days of usage (AWS Billing user guide, "Optimizing your cost
 * with rightsizing recommendations"); Metadata.LookbackPeriodInDays overrides it when present.
 */
export const DEFAULT_LOOKBACK_DAYS = 14;
const LOOKBACK_DAYS: Record<string, number> = {
  SEVEN_DAYS: 7,
  FOURTEEN_DAYS: 14,
  THIRTY_DAYS: 30,
  SIXTY_DAYS: 60,
};

export function lookbackDaysOf(page: RightsizingPage | undefined): number {
  return LOOKBACK_DAYS[page?.Metadata?.LookbackPeriodInDays ?? ''] ?? DEFAULT_LOOKBACK_DAYS;
}

export function generatedAtOf(page: RightsizingPage | undefined): number | null {
  const time = Date.parse(page?.Metadata?.GenerationTimestamp ?? '');
  return Number.isFinite(time) ? time : null;
}

class NumberReader {
  constructor(private readonly stats: NormaliseStats) {}

  read(value: string | undefined): number | null {
    if (value === undefined || value.trim() === '') {
      return null;
    }
    const n = Number(value);
    if (!Number.isFinite(n)) {
      this.stats.badNumbers++;
      return null;
    }
    return n;
  }

  network(u: EC2ResourceUtilization | undefined): NetworkUtilisation | null {
    const n = u?.NetworkResourceUtilization;
    return n
      ? {
          inBytesPerSecond: this.read(n.NetworkInBytesPerSecond),
          outBytesPerSecond: this.read(n.NetworkOutBytesPerSecond),
        }
      : null;
  }

  disk(u: EC2ResourceUtilization | undefined): DiskUtilisation | null {
    const d = u?.DiskResourceUtilization;
    return d
      ? {
          readOpsPerSecond: this.read(d.DiskReadOpsPerSecond),
          writeOpsPerSecond: this.read(d.DiskWriteOpsPerSecond),
          readBytesPerSecond: this.read(d.DiskReadBytesPerSecond),
          writeBytesPerSecond: this.read(d.DiskWriteBytesPerSecond),
        }
      : null;
  }

  ebs(u: EC2ResourceUtilization | undefined): DiskUtilisation | null {
    const e = u?.EBSResourceUtilization;
    return e
      ? {
          readOpsPerSecond: this.read(e.EbsReadOpsPerSecond),
          writeOpsPerSecond: this.read(e.EbsWriteOpsPerSecond),
          readBytesPerSecond: this.read(e.EbsReadBytesPerSecond),
          writeBytesPerSecond: this.read(e.EbsWriteBytesPerSecond),
        }
      : null;
  }
}

function kindOf(type: string | undefined): RightsizingKind | undefined {
  const t = (type ?? '').toLowerCase();
  return t === 'terminate' || t === 'modify' ? t : undefined;
}

/** The console's choice: AWS's default target, else the one that saves most. */
function chosenTarget(targets: TargetInstance[] | undefined, numbers: NumberReader): TargetInstance | undefined {
  const list = targets ?? [];
  const byDefault = list.find((t) => t.DefaultTargetInstance);
  if (byDefault) {
    return byDefault;
  }
  let best: TargetInstance | undefined;
  let bestSavings = -Infinity;
  for (const t of list) {
    const savings = numbers.read(t.EstimatedMonthlySavings) ?? -Infinity;
    if (!best || savings > bestSavings) {
      best = t;
      bestSavings = savings;
    }
  }
  return best;
}

/** One finding, or undefined (counted in stats.skipped) when it cannot be used. */
export function normaliseFinding(
  rec: RightsizingRecommendation,
  page: RightsizingPage,
  stats: NormaliseStats
): RightsizingFinding | undefined {
  const kind = kindOf(rec.RightsizingType);
  const current = rec.CurrentInstance;
  const instanceId = current?.ResourceId ?? '';
  if (!kind || !instanceId) {
    stats.skipped++;
    return undefined;
  }
  const numbers = new NumberReader(stats);
  const details = current?.ResourceDetails?.EC2ResourceDetails;
  const usage = current?.ResourceUtilization?.EC2ResourceUtilization;
  const regionName = details?.Region ?? '';
  const region = regionCodeOfLocation(regionName);
  if (!region) {
    stats.unknownRegions.add(regionName || '(none)');
  }
  const nameTag = current?.Tags?.find((t) => t.Key === 'Name')?.Values?.[0] ?? '';
  const target = kind === 'modify' ? chosenTarget(rec.ModifyRecommendationDetail?.TargetInstances, numbers) : undefined;
  const targetDetails = target?.ResourceDetails?.EC2ResourceDetails;
  const savings =
    kind === 'modify' ? target?.EstimatedMonthlySavings : rec.TerminateRecommendationDetail?.EstimatedMonthlySavings;
  return {
    accountId: rec.AccountId ?? '',
    instanceId,
    name: current?.InstanceName || nameTag,
    instanceType: details?.InstanceType ?? '',
    platform: details?.Platform ?? '',
    region,
    regionName,
    vCpus: numbers.read(details?.Vcpu),
    maxCpuPercent: numbers.read(usage?.MaxCpuUtilizationPercentage),
    maxMemoryPercent: numbers.read(usage?.MaxMemoryUtilizationPercentage),
    network: numbers.network(usage),
    disk: numbers.disk(usage),
    ebs: numbers.ebs(usage),
    lookbackDays: lookbackDaysOf(page),
    monthlyCost: numbers.read(current?.MonthlyCost),
    currency: current?.CurrencyCode || rec.TerminateRecommendationDetail?.CurrencyCode || target?.CurrencyCode || 'USD',
    kind,
    targetInstanceType: targetDetails?.InstanceType ?? '',
    targetVCpus: numbers.read(targetDetails?.Vcpu),
    targetMonthlyCost: numbers.read(target?.EstimatedMonthlyCost),
    estimatedMonthlySavings: numbers.read(savings),
    targetMaxCpuPercent: numbers.read(
      target?.ExpectedResourceUtilization?.EC2ResourceUtilization?.MaxCpuUtilizationPercentage
    ),
    reasons: rec.FindingReasonCodes ?? [],
    generatedAt: generatedAtOf(page),
  };
}
