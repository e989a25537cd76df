/** Notices every billing frame carries: where the numbers came from and what it cost to get them. */
import type { AccountingBasisId, MethodologyId } from '../../datasource/types';
import { isCo2eUnavailable, isUnestimated } from '../../engine/aggregate';
import type { RowEstimate, UsageRow } from '../../engine/usage';
import type { FrameNotice } from '../frames/frame';
import { someOf } from '../frames/noticeText';
import type { BillingResult } from '../sources/billingSource';

const METHODOLOGY_TEXT: Record<MethodologyId, string> = {
  greenops: 'GreenOps methodology (CCF with its known errors corrected; see docs/methodology.md)',
  ccf: 'Cloud Carbon Footprint methodology, reproduced exactly (aws 0.15.0 / core 0.17.3)',
};

const MARKET_BASIS_TEXT =
  'Market-based accounting: for Google Cloud, the grid factor × (1 − Google CFE), the share of hourly consumption ' +
  'Google matches with carbon-free energy in the region and year (docs/methodology.md section 6b).';

export function billingNotices(
  usage: BillingResult,
  methodology: MethodologyId,
  basis: AccountingBasisId = 'location'
): FrameNotice[] {
  return [
    { severity: 'info', text: `Estimated with the ${METHODOLOGY_TEXT[methodology]}.` },
    ...(basis === 'market' ? [{ severity: 'info' as const, text: MARKET_BASIS_TEXT }] : []),
    ...usage.notices.map((text) => ({ severity: 'info' as const, text })),
  ];
}

/**
 * No usage rows at all: every figure would read as a measured 0, so the frame says they are absent.
 * The billing source's own notices (beside this one) say what it read and why nothing was kept.
 */
export function noUsageNotice(usage: BillingResult, period = ''): FrameNotice[] {
  return usage.rows.length > 0
    ? []
    : [
        {
          severity: 'warning',
          text: `${period}No billing usage to estimate for this range and filters: there are no figures, not figures of 0. The billing source's notices say what it read and why nothing was kept.`,
        },
      ];
}

/** Costs are summed as they come; a bill in several currencies is flagged rather than converted. */
export function singleCurrency(rows: readonly UsageRow[]): { currency: string; notice: FrameNotice[] } {
  const currencies = new Set(rows.map((r) => r.currency).filter(Boolean));
  const currency = currencies.size > 0 ? [...currencies][0] : 'USD';
  const notice: FrameNotice[] =
    currencies.size > 1
      ? [
          {
            severity: 'warning',
            text: `Costs are in several currencies (${[...currencies].join(', ')}) and were summed without conversion.`,
          },
        ]
      : [];
  return { currency, notice };
}

/** Services and units named in the notice at most. */
const LISTED = 5;

/** Why a methodology leaves unknown usage unestimated (docs/methodology.md section 3.5). */
const UNESTIMATED_WHY: Record<MethodologyId, string> = {
  greenops:
    'no energy model covers them and they are not priced in USD with a positive cost, which the reference ' +
    'average for such usage needs (kWh per USD of a public reference bill)',
  ccf: 'no usage of the same unit in this query has an energy model to compare them with',
};

/**
 * Rows whose energy is unknown: how many, what they cost and which services and units, so a total
 * is never read as including them.
 */
export function unestimatedNotice(
  rows: readonly UsageRow[],
  estimates: readonly RowEstimate[],
  currency: string,
  methodology: MethodologyId
): FrameNotice[] {
  const byKind = new Map<string, { rows: number; cost: number }>();
  let count = 0;
  let cost = 0;
  rows.forEach((row, i) => {
    if (!isUnestimated(estimates[i])) {
      return;
    }
    count += 1;
    cost += row.cost;
    const kind = `${row.service || 'unknown service'} in ${row.unit || 'no unit'}`;
    const k = byKind.get(kind) ?? byKind.set(kind, { rows: 0, cost: 0 }).get(kind)!;
    k.rows += 1;
    k.cost += row.cost;
  });
  if (count === 0) {
    return [];
  }
  const kinds = [...byKind].sort(([a, x], [b, y]) => y.cost - x.cost || a.localeCompare(b));
  const listed = someOf(
    kinds.map(([kind, k]) => `${kind}: ${k.rows} row${k.rows === 1 ? '' : 's'}, ${k.cost.toFixed(2)} ${currency}`),
    LISTED,
    '; '
  );
  return [
    {
      severity: 'warning',
      text:
        `${count} usage row${count === 1 ? '' : 's'} (${cost.toFixed(2)} ${currency}) could not be estimated: ` +
        `${UNESTIMATED_WHY[methodology]} (${listed}). ` +
        'Their energy and CO2e are unknown, not 0: totals leave them out, and a group made only of them shows no value.',
    },
  ];
}

/**
 * Rows the market basis has no factor for: how many, what they cost and which providers, so a
 * missing CO2e is read as "not available" and not as 0.
 */
export function co2eUnavailableNotice(
  rows: readonly UsageRow[],
  estimates: readonly RowEstimate[],
  currency: string
): FrameNotice[] {
  const byProvider = new Map<string, { rows: number; cost: number }>();
  let count = 0;
  let cost = 0;
  rows.forEach((row, i) => {
    if (!isCo2eUnavailable(estimates[i])) {
      return;
    }
    count += 1;
    cost += row.cost;
    const p = byProvider.get(row.provider) ?? byProvider.set(row.provider, { rows: 0, cost: 0 }).get(row.provider)!;
    p.rows += 1;
    p.cost += row.cost;
  });
  if (count === 0) {
    return [];
  }
  const providers = [...byProvider]
    .sort(([a, x], [b, y]) => y.cost - x.cost || a.localeCompare(b))
    .map(([provider, p]) => `${provider}: ${p.rows} row${p.rows === 1 ? '' : 's'}, ${p.cost.toFixed(2)} ${currency}`);
  return [
    {
      severity: 'warning',
      text:
        `Market basis: CO2e is not available for ${count} usage row${count === 1 ? '' : 's'} ` +
        `(${cost.toFixed(2)} ${currency}; ${someOf(providers, LISTED, '; ')}). ` +
        'Only Google publishes a market-based share per region and year (its CFE, missing for some regions); ' +
        'AWS, Azure and other providers publish none per region, and no residual-mix dataset is bundled. ' +
        'Their energy is known; their CO2e is not available, not 0, and so is any CO2e total that includes them.',
    },
  ];
}
