/** Text that notices share, and the bound on how many a frame carries. */
import { cut } from '../core/echo';
import { MAX_NOTICE_CHARS, MAX_NOTICES_PER_FRAME } from '../core/limits';
import type { FrameNotice } from './frame';

/** Items a notice names at most, so it stays short whatever the size of the cluster or bill. */
export const NOTICE_LIST_MAX = 10;

/** `a, b, c and 7 more`: the first `max` items, then how many were left out. */
export function someOf(items: readonly string[], max = NOTICE_LIST_MAX, separator = ', '): string {
  const listed = items.slice(0, max).join(separator);
  return items.length > max ? `${listed} and ${items.length - max} more` : listed;
}

/**
 * At most MAX_NOTICES_PER_FRAME notices of at most MAX_NOTICE_CHARS each, the most severe first
 * kept; past the bound, the last one says how many more there were. Grafana shows every notice in
 * the panel header: thousands would bury the one that matters and bloat each frame.
 */
export function boundedNotices(notices: readonly FrameNotice[]): FrameNotice[] {
  const shortened = notices.map((n) =>
    n.text.length > MAX_NOTICE_CHARS ? { ...n, text: cut(n.text, MAX_NOTICE_CHARS) } : n
  );
  if (shortened.length <= MAX_NOTICES_PER_FRAME) {
    return shortened;
  }
  const kept = shortened
    .map((notice, index) => ({ notice, index }))
    .sort((a, b) => SEVERITY_RANK[a.notice.severity] - SEVERITY_RANK[b.notice.severity] || a.index - b.index)
    .slice(0, MAX_NOTICES_PER_FRAME - 1)
    .sort((a, b) => a.index - b.index)
    .map((k) => k.notice);
  const left = shortened.length - kept.length;
  return [...kept, { severity: 'info', text: `${left.toLocaleString('en-US')} more notices not shown.` }];
}

const SEVERITY_RANK: Record<FrameNotice['severity'], number> = { error: 0, warning: 1, info: 2 };
