/**
 * Idle EC2 instances from Cost Explorer rightsizing: one ZombieRow per Terminate finding, with
 * what the instance costs and what it burns per month (operational + embodied, as every zombie
 * machine row counts it).
 *
 * Energy is evaluated at the finding's peak CPU, the only utilisation Cost Explorer gives (the
 * Prometheus rows use the measured mean; a deliberate difference). AWS recommends Terminate for an
 * instance that stayed near idle over the whole lookback (peak ≤ 1 %), so it runs near its power
 * floor: the peak bounds its average from above and keeps the estimate within a fraction of a watt
 * of the idle draw, where the default 50 % would credit an idle box with half-load power. (`ccf`
 * keeps CCF's fixed 50 %.)
 */
import type { MethodologyId } from '../../../datasource/types';
import type { FrameNotice } from '../../frames/frame';
import { fetchRightsizingFindings, rightsizingFindingsOrNotice } from '../../sources/aws/rightsizing';
import type { RightsizingFinding } from '../../sources/aws/rightsizingFinding';
import type { DatasourceInstance } from '../../core/instance';
import {
  describeInstanceMonth,
  estimateInstanceMonths,
  type InstanceMonth,
} from '../../../engine/recommendations/instanceMonth';
import { co2eNote, monthEnergy } from '../../../engine/recommendations/zombieMonth';
import { HOURS_PER_MONTH } from '../../../engine/recommendations/month';
import type { ZombieFindings, ZombieRow } from './zombieRow';

const fmt = (n: number, digits = 2) => (Math.round(n * 10 ** digits) / 10 ** digits).toString();

function action(f: RightsizingFinding): string {
  const who = f.name ? `${f.instanceId} (${f.name})` : f.instanceId;
  const peak = f.maxCpuPercent === null ? 'no CPU figure' : `peak CPU ${fmt(f.maxCpuPercent)} %`;
  const saves =
    f.estimatedMonthlySavings === null ? '' : `; saves ${fmt(f.estimatedMonthlySavings)} ${f.currency}/month`;
  return `Terminate ${who}: idle per Cost Explorer rightsizing, ${peak} over ${f.lookbackDays} days${saves}.`;
}

function method(f: RightsizingFinding, month: InstanceMonth, methodology: MethodologyId): string {
  const network = f.network
    ? ` Network peak in/out: ${f.network.inBytesPerSecond ?? '?'}/${f.network.outBytesPerSecond ?? '?'} B/s.`
    : '';
  const utilisation =
    methodology === 'greenops' && f.maxCpuPercent !== null
      ? ' Power at the peak CPU (the only utilisation Cost Explorer gives; Prometheus rows use the mean), as an idle instance runs near its floor.'
      : '';
  return `AWS Cost Explorer rightsizing (Terminate finding, ${f.lookbackDays}-day lookback, region "${f.regionName}"); monthly cost is AWS's On-Demand figure for ${HOURS_PER_MONTH} h.${network} Energy and CO2e (${methodology}): ${describeInstanceMonth(month, f.instanceType, methodology)}${utilisation}${co2eNote(monthEnergy(month), '')}`;
}

function zombieRow(f: RightsizingFinding, month: InstanceMonth, methodology: MethodologyId): ZombieRow {
  const figure = (value: number) => (month.known ? value : null);
  return {
    kind: 'cloudInstance',
    source: 'awsCostExplorer',
    provider: 'aws',
    account: f.accountId,
    region: f.region,
    resourceId: f.instanceId,
    name: f.name,
    instanceType: f.instanceType,
    cluster: '',
    namespace: '',
    workload: '',
    peakCpuPercent: f.maxCpuPercent,
    avgCpuPercent: null,
    // Rightsizing gives peak network rates, not the average the column means.
    networkBytesPerDay: null,
    windowDays: f.lookbackDays,
    idleDays: null,
    monthlyCost: f.monthlyCost,
    currency: f.monthlyCost === null ? '' : f.currency,
    monthlyKWh: figure(month.kWh),
    monthlyKgCO2e: figure(month.co2eKg),
    monthlyKgCO2eLow: figure(month.co2eLowKg),
    monthlyKgCO2eHigh: figure(month.co2eHighKg),
    action: action(f),
    method: method(f, month, methodology),
  };
}

/**
 * Idle instances (Terminate findings) of the datasource's AWS account(s). A Cost Explorer failure
 * (not enabled, access denied, unreachable) is an error notice with no rows, unless `failures` is
 * 'throw': then it is the QueryError, for a caller that reports failed sources itself.
 */
export async function costExplorerZombies(
  instance: DatasourceInstance,
  options: { methodology: MethodologyId; failures?: 'notice' | 'throw' }
): Promise<ZombieFindings> {
  const result =
    options.failures === 'throw'
      ? await fetchRightsizingFindings(instance)
      : await rightsizingFindingsOrNotice(instance);
  const idle = result.findings.filter((f) => f.kind === 'terminate');
  const now = Date.now();
  const months = estimateInstanceMonths(
    idle.map((f) => ({
      instanceType: f.instanceType,
      region: f.region,
      utilisationPercent: f.maxCpuPercent,
      from: f.generatedAt ?? now,
      account: f.accountId,
    })),
    options.methodology
  );
  const rows = idle.map((f, i) => zombieRow(f, months[i], options.methodology));
  const notices: FrameNotice[] = [...result.notices];
  const unknown = [...new Set(idle.filter((_, i) => !months[i].known).map((f) => f.instanceType))];
  if (unknown.length > 0) {
    notices.push({
      severity: 'warning',
      text: `No power data for instance type(s) ${unknown.sort().join(', ')}: their idle rows show cost but no energy or CO2e.`,
    });
  }
  return { rows, notices, executed: result.executed };
}
