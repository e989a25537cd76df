/**
 * Rightsizing savings from Cost Explorer: one RecommendationRow per Modify finding, the month of
 * the current type at its observed peak CPU against the month of the recommended type at the CPU
 * the same work needs there. That CPU is AWS's expected peak on the target when the finding gives
 * one, else the current peak scaled by the vCPU ratio (same work on fewer cores), capped at 100 %.
 * `ccf` evaluates both at CCF's fixed 50 %, so its saving is the difference of the two types alone.
 */
import type { MethodologyId } from '../../../datasource/types';
import type { FrameNotice } from '../../frames/frame';
import { rightsizingFindingsOrNotice } from '../../sources/aws/rightsizing';
import type { RightsizingFinding } from '../../sources/aws/rightsizingFinding';
import type { DatasourceInstance } from '../../core/instance';
import {
  describeInstanceMonth,
  estimateInstanceMonths,
  type InstanceMonth,
} from '../../../engine/recommendations/instanceMonth';
import type { RecommendationRow } from './recommendationRow';

interface TargetCpu {
  percent: number | null;
  /** How `percent` was found, for the method text. */
  how: string;
}

/** The CPU the target type runs at with the current work (see the module comment). */
export function targetCpuOf(f: RightsizingFinding): TargetCpu {
  if (f.targetMaxCpuPercent !== null) {
    return { percent: f.targetMaxCpuPercent, how: "AWS's expected peak CPU on the target" };
  }
  if (f.maxCpuPercent !== null && f.vCpus && f.targetVCpus) {
    return {
      percent: Math.min(100, (f.maxCpuPercent * f.vCpus) / f.targetVCpus),
      how: `the current peak CPU scaled by the vCPU ratio ${f.vCpus}/${f.targetVCpus}`,
    };
  }
  return { percent: null, how: 'the default utilisation (AWS gave no CPU figure to scale)' };
}

const fmt = (n: number, digits = 2) => (Math.round(n * 10 ** digits) / 10 ** digits).toString();

function row(
  f: RightsizingFinding,
  current: InstanceMonth,
  target: InstanceMonth,
  how: string,
  methodology: MethodologyId
): RecommendationRow {
  const who = f.name ? `${f.instanceId} (${f.name})` : f.instanceId;
  const saves =
    f.estimatedMonthlySavings === null ? '' : `; saves ${fmt(f.estimatedMonthlySavings)} ${f.currency}/month`;
  const cpu = methodology === 'greenops' ? ` Target CPU: ${how}.` : '';
  return {
    kind: 'rightsizing',
    provider: 'aws',
    account: f.accountId,
    region: f.region,
    targetRegion: f.region,
    geography: '',
    resourceId: f.instanceId,
    instanceType: f.instanceType,
    targetInstanceType: f.targetInstanceType,
    currentMonthlyKWh: current.kWh,
    currentMonthlyKgCO2e: current.co2eKg,
    projectedMonthlyKWh: target.kWh,
    projectedMonthlyKgCO2e: target.co2eKg,
    monthlyKWhSaved: current.kWh - target.kWh,
    monthlyKgCO2eSaved: current.co2eKg - target.co2eKg,
    monthlyCostSaved: f.estimatedMonthlySavings,
    currency: f.currency,
    action: `Resize ${who} from ${f.instanceType} to ${f.targetInstanceType}${saves}.`,
    method: `AWS Cost Explorer rightsizing (Modify finding, same instance family, savings net of RIs and Savings Plans, ${f.lookbackDays}-day lookback). Saving = month of the current type − month of the target (${methodology}). Current: ${describeInstanceMonth(current, f.instanceType, methodology)} Target: ${describeInstanceMonth(target, f.targetInstanceType, methodology)}${cpu}`,
  };
}

/** Rightsizing recommendations (Modify findings) of the datasource's AWS account(s), most CO2e saved first. */
export async function rightsizingRecommendationRows(
  instance: DatasourceInstance,
  options: { methodology: MethodologyId }
): Promise<{ rows: RecommendationRow[]; notices: FrameNotice[]; executed: string[] }> {
  const result = await rightsizingFindingsOrNotice(instance);
  const modify = result.findings.filter((f) => f.kind === 'modify' && f.targetInstanceType);
  const now = Date.now();
  const targets = modify.map(targetCpuOf);
  const requests = modify.flatMap((f, i) => {
    const base = { region: f.region, from: f.generatedAt ?? now, account: f.accountId };
    return [
      { ...base, instanceType: f.instanceType, utilisationPercent: f.maxCpuPercent },
      { ...base, instanceType: f.targetInstanceType, utilisationPercent: targets[i].percent },
    ];
  });
  const months = estimateInstanceMonths(requests, options.methodology);
  const rows: RecommendationRow[] = [];
  const unknown = new Set<string>();
  modify.forEach((f, i) => {
    const [current, target] = [months[2 * i], months[2 * i + 1]];
    if (!current.known || !target.known) {
      unknown.add(current.known ? f.targetInstanceType : f.instanceType);
      return;
    }
    rows.push(row(f, current, target, targets[i].how, options.methodology));
  });
  rows.sort((a, b) => b.monthlyKgCO2eSaved - a.monthlyKgCO2eSaved);
  const notices: FrameNotice[] = [...result.notices];
  if (unknown.size > 0) {
    notices.push({
      severity: 'warning',
      text: `No power data for instance type(s) ${[...unknown].sort().join(', ')}: their rightsizing findings are left out.`,
    });
  }
  return { rows, notices, executed: result.executed };
}
