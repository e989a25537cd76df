/**
 * Energy and CO2e of running one EC2 instance for a month (HOURS_PER_MONTH, month.ts) in a region, by methodology:
 * what an idle instance wastes, or what a rightsizing saves (current month − target month).
 *
 * The month goes through the same estimators as billing data, as the row Cost Explorer would bill
 * for it (`EUW1-BoxUsage:m5.large`, 730 Hrs), so the figures match the cloudEmissions query's:
 *  - greenops: the instance's power at the given CPU utilisation (Teads curve, else CCF's per-vCPU
 *    model); the low/high range spans the two power models and the grid factor's age;
 *  - ccf: Cloud Carbon Footprint's model, which always assumes 50 % CPU (a burstable type: its
 *    baseline); a utilisation passed in is not used.
 * Pure: the caller passes the month's start, which dates the grid factor.
 */
import { billingCodeOfRegion } from '../classify/awsRegionPrefixes';
import ccfConstants from '../data/ccf/aws-constants.json';
import ccfEmissionFactors from '../data/ccf/aws-emission-factors.json';
import { estimateGreenopsRows } from '../greenops';
import { operationalRange } from '../greenops/operationalRange';
import { COEFFICIENTS as K } from '../greenops/coefficients';
import { factorForYear, findRegion, pueFor } from '../gridIntensity';
import uncertainty from '../data/uncertainty.json';
import { estimateUsage } from '../estimate';
import type { Methodology, RowEstimate, UsageRow } from '../usage';
import { HOUR_MS, HOURS_PER_MONTH } from './month';

/** How Cost Explorer names the service of BoxUsage rows. */
const EC2_COMPUTE_SERVICE = 'Amazon Elastic Compute Cloud - Compute';
/** A region no table lists (CCF's own name for it), so both methodologies use their average factor. */
const UNKNOWN_REGION = 'unknown';

export interface InstanceMonthRequest {
  instanceType: string;
  /** Region code; '' when unknown (the average grid factor applies). */
  region: string;
  /**
   * CPU utilisation (percent) to evaluate power at, for greenops. null: the default 50 % and its
   * 10-90 % band. ccf ignores it.
   */
  utilisationPercent: number | null;
  /** Start of the month (epoch ms). */
  from: number;
  account?: string;
}

/** The month's figures are those of its row estimate (0 when the instance type is unknown). */
export interface InstanceMonth extends Pick<
  RowEstimate,
  'kWh' | 'operationalKg' | 'embodiedKg' | 'co2eKg' | 'co2eLowKg' | 'co2eHighKg'
> {
  /** False when the engine does not know the instance type: every figure is then 0, not an estimate. */
  known: boolean;
  /**
   * The interval of each part (the total's is their sum's, greenops/interval.ts), for callers that
   * replace one part: a measured machine keeps its own operational figures and adds the embodied
   * part. ccf has no range: each bound equals its central value.
   */
  operationalLowKg: number;
  operationalHighKg: number;
  embodiedLowKg: number;
  embodiedHighKg: number;
  /** The utilisation the power was evaluated at; null when greenops used its default band. */
  utilisationPercent: number | null;
  /** The grid factor used, with its source and year ("278.6 gCO2e/kWh, ccf-eea 2020"). */
  grid: string;
}

/**
 * The usage-type prefix of a region (`eu-west-1` → `EUW1`), from the classifier's own table, so
 * there is one list of prefixes. us-east-1 rows have no prefix in Cost Explorer; '' when unknown.
 */
export function usageTypePrefixOf(region: string): string {
  return region && region !== 'us-east-1' ? (billingCodeOfRegion(region) ?? '') : '';
}

/** The row Cost Explorer bills for a month of the instance (cost 0: energy never comes from cost here). */
export function instanceMonthUsageRow(request: InstanceMonthRequest): UsageRow {
  const prefix = usageTypePrefixOf(request.region);
  return {
    start: request.from,
    end: request.from + HOURS_PER_MONTH * HOUR_MS,
    provider: 'aws',
    account: request.account ?? '',
    // Not '': the classifier would read a prefix-less usage type as us-east-1.
    region: request.region || UNKNOWN_REGION,
    service: EC2_COMPUTE_SERVICE,
    usageType: `${prefix ? `${prefix}-` : ''}BoxUsage:${request.instanceType}`,
    unit: 'Hrs',
    amount: HOURS_PER_MONTH,
    cost: 0,
    currency: 'USD',
    instanceType: request.instanceType,
  };
}

const isMeasured = (u: number | null): u is number => u !== null && Number.isFinite(u) && u >= 0 && u <= 100;

function greenopsGrid(region: string, from: number): string {
  const record = region ? findRegion('aws', region) : undefined;
  const year = new Date(from + (HOURS_PER_MONTH * HOUR_MS) / 2).getUTCFullYear();
  const pue = pueFor('aws', region, year).pue;
  if (!record) {
    const u = ccfEmissionFactors.unknownRegion;
    return `${u.tonnesCO2ePerKWh * 1e6} gCO2e/kWh (${u.source} ${u.year}, region unknown), PUE ${pue}`;
  }
  const f = factorForYear(record, year);
  return `${f.gCO2ePerKWh} gCO2e/kWh (${f.source} ${f.year}), PUE ${pue}`;
}

function ccfGrid(region: string): string {
  const regions = ccfEmissionFactors.regions as Record<
    string,
    { tonnesCO2ePerKWh: number; year: number; source: string }
  >;
  const f = (region && regions[region]) || ccfEmissionFactors.unknownRegion;
  return `${f.tonnesCO2ePerKWh * 1e6} gCO2e/kWh (${f.source} ${f.year}), PUE ${ccfConstants.pue.value}`;
}

function toMonth(
  e: RowEstimate,
  methodology: Methodology,
  utilisationPercent: number | null,
  grid: string
): InstanceMonth {
  const known = (e.category === 'compute' || e.category === 'gpu') && e.kWh > 0;
  const operational = operationalRange(e);
  // greenops's embodied band: ×4/6 (6-year life) to ×1 (uncertainty.json embodied); ccf has none.
  const embodiedLow = methodology === 'greenops' ? e.embodiedKg * K.embodiedLowFactor : e.embodiedKg;
  const figure = (value: number) => (known ? value : 0);
  return {
    known,
    kWh: figure(e.kWh),
    operationalKg: figure(e.operationalKg),
    embodiedKg: figure(e.embodiedKg),
    co2eKg: figure(e.co2eKg),
    co2eLowKg: figure(e.co2eLowKg),
    co2eHighKg: figure(e.co2eHighKg),
    operationalLowKg: figure(operational.lowKg),
    operationalHighKg: figure(operational.highKg),
    embodiedLowKg: figure(embodiedLow),
    embodiedHighKg: figure(e.embodiedKg),
    utilisationPercent,
    grid,
  };
}

/** One InstanceMonth per request, same order. */
export function estimateInstanceMonths(
  requests: readonly InstanceMonthRequest[],
  methodology: Methodology
): InstanceMonth[] {
  const rows = requests.map(instanceMonthUsageRow);
  if (methodology === 'ccf') {
    const ccfUtilisation = ccfConstants.averageCpuUtilisationPercent.value;
    return estimateUsage(rows, 'ccf').map((e, i) => toMonth(e, 'ccf', ccfUtilisation, ccfGrid(requests[i].region)));
  }
  const estimates = estimateGreenopsRows(rows, {
    utilisationPercent: (_row, i) => {
      const u = requests[i].utilisationPercent;
      return isMeasured(u) ? u : undefined;
    },
  });
  return estimates.map((e, i) => {
    const u = requests[i].utilisationPercent;
    return toMonth(e, 'greenops', isMeasured(u) ? u : null, greenopsGrid(requests[i].region, requests[i].from));
  });
}

const LIFESPAN_YEARS = ccfConstants.serverLifespanHours.value / (24 * 365);
const DEFAULT_UTILISATION = `the default ${ccfConstants.averageCpuUtilisationPercent.value} % CPU (range ${uncertainty.utilisation.lowPercent}-${uncertainty.utilisation.highPercent} %)`;

/** How one month was estimated, in a sentence (for a row's `method`). */
export function describeInstanceMonth(month: InstanceMonth, instanceType: string, methodology: Methodology): string {
  if (!month.known) {
    return `${instanceType}: instance type unknown to the ${methodology} methodology, so no energy or CO2e.`;
  }
  const embodied = `embodied from CCF's per-instance manufacturing emissions over a ${LIFESPAN_YEARS}-year life`;
  if (methodology === 'ccf') {
    return `${instanceType}: Cloud Carbon Footprint's model at its fixed ${month.utilisationPercent} % CPU (CCF ignores measured utilisation): SPECpower watts per vCPU × vCPUs + memory, × ${HOURS_PER_MONTH} h, grid ${month.grid}; ${embodied}.`;
  }
  const at = month.utilisationPercent === null ? DEFAULT_UTILISATION : `${month.utilisationPercent} % CPU`;
  return `${instanceType}: Teads power curve (CCF per-vCPU model where there is none) at ${at} × ${HOURS_PER_MONTH} h, grid ${month.grid}; ${embodied}; low/high span both power models and the grid factor's age.`;
}
