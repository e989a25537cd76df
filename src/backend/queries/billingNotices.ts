/** Notices every billing frame carries: where the numbers came from and what it cost to get them. */
import type { MethodologyId } from '../../datasource/types';
import type { UsageRow } from '../../engine/usage';
import type { FrameNotice } from '../frames/frame';
import type { BillingResult } from '../sources/billingSource';

const METHODOLOGY_TEXT: Record<MethodologyId, string> = {
  greenops: 'GreenOps methodology (CCF with its known errors corrected; see docs/methodology.md)',
  ccf: 'Cloud Carbon Footprint methodology, reproduced exactly (aws 0.15.0 / core 0.17.3)',
};

export function billingNotices(usage: BillingResult, methodology: MethodologyId): FrameNotice[] {
  return [
    { severity: 'info', text: `Estimated with the ${METHODOLOGY_TEXT[methodology]}.` },
    ...usage.notices.map((text) => ({ severity: 'info' as const, text })),
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
