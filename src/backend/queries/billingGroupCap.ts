/**
 * Bounds the groups of a billing answer: the groups that cost most are kept as they are, the rest
 * summed into one group whose every label is "(others)", so totals across the answer stay whole
 * (nothing dropped, nothing double counted) while frames stay few enough for a panel.
 */
import { groupTotals } from '../../engine/aggregate';
import type { RowEstimate, UsageRow } from '../../engine/usage';
import type { FrameNotice } from '../frames/frame';

export const OTHERS_LABEL = '(others)';

type GroupKey = (row: UsageRow, estimate: RowEstimate) => string;

export interface CappedGroups {
  /** The key of a row: its own group's, or the others' key. */
  key: GroupKey;
  notices: FrameNotice[];
}

/**
 * `groupKey` wrapped so that at most `limit` groups come out: the `limit - 1` costliest and one
 * "(others)" group, when there are more than `limit`. `othersKey` is the key the others get (the
 * caller's separator joining OTHERS_LABEL once per dimension).
 */
export function capGroups(
  rows: readonly UsageRow[],
  estimates: readonly RowEstimate[],
  groupKey: GroupKey,
  othersKey: string,
  limit: number,
  currency: string
): CappedGroups {
  const totals = groupTotals(rows, estimates, groupKey);
  if (totals.size <= limit) {
    return { key: groupKey, notices: [] };
  }
  const ranked = [...totals].sort(([ka, a], [kb, b]) => b.cost - a.cost || (ka < kb ? -1 : ka > kb ? 1 : 0));
  const kept = new Set(ranked.slice(0, limit - 1).map(([k]) => k));
  const folded = ranked.slice(limit - 1);
  const foldedCost = folded.reduce((sum, [, t]) => sum + t.cost, 0);
  const cost = currency ? ` (${foldedCost.toFixed(2)} ${currency})` : '';
  return {
    key: (row, estimate) => {
      const k = groupKey(row, estimate);
      return kept.has(k) ? k : othersKey;
    },
    notices: [
      {
        severity: 'info',
        text:
          `${folded.length.toLocaleString('en-US')} groups past the ${(limit - 1).toLocaleString('en-US')} costliest are summed as ` +
          `"${OTHERS_LABEL}"${cost}: filter, or group by fewer dimensions, to see them one by one.`,
      },
    ],
  };
}
