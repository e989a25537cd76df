/**
 * What the FOCUS source tells the user beside its rows: files and rows read, rows left out and
 * why, files skipped (not exports, or not regular files), and why nothing was kept when nothing was.
 */
import type { FocusFile, FocusFileKind } from './focusFiles';
import type { FocusReadStats } from './focusScan';

const KIND_NAMES: Record<FocusFileKind, string> = { csv: 'CSV', 'csv.gz': 'CSV.GZ', parquet: 'Parquet' };

export function readNotices(files: FocusFile[], pruned: FocusFile[], s: FocusReadStats, rowCount: number): string[] {
  const n = (count: number) => count.toLocaleString('en-US');
  const notices = [
    `FOCUS: ${files.length} file(s) (${kindCounts(files)}), ${n(s.rowsRead)} rows read, ${n(s.usageRows)} usage rows in range summed into ${n(rowCount)} rows.`,
  ];
  if (pruned.length > 0) {
    notices.push(
      `FOCUS: ${n(pruned.length)} file(s) not read: their billing_period folders end before the range, so they hold no charges in it.`
    );
  }
  if (s.usageRowsByProvider.size > 1) {
    const parts = [...s.usageRowsByProvider].map(([provider, count]) => `${provider} ${n(count)}`);
    notices.push(`FOCUS: usage rows by provider: ${parts.join(', ')}.`);
  }
  if (s.notUsage > 0) {
    notices.push(
      `FOCUS: ${n(s.notUsage)} rows that are not ChargeCategory "Usage" (purchases, taxes, credits, adjustments) were left out.`
    );
  }
  if (s.corrections > 0) {
    notices.push(
      `FOCUS: ${n(s.corrections)} correction row(s) (ChargeClass "Correction") were counted in the charge periods they correct.`
    );
  }
  if (s.pricingQuantityFallback > 0) {
    notices.push(
      `FOCUS: ${n(s.pricingQuantityFallback)} usage row(s) had no ConsumedQuantity: their PricingQuantity and PricingUnit were used instead.`
    );
  }
  if (s.billedCostFallback > 0) {
    notices.push(
      `FOCUS: ${n(s.billedCostFallback)} row(s) had EffectiveCost empty or 0 while BilledCost was not: BilledCost was used for them.`
    );
  }
  if (s.unusedCommitment > 0) {
    notices.push(`FOCUS: ${n(s.unusedCommitment)} unused-commitment row(s) add cost but no usage.`);
  }
  if (s.badRows > 0) {
    const more = s.badRows > s.badRowExamples.length ? '; …' : '';
    notices.push(`FOCUS: skipped ${n(s.badRows)} row(s) with bad values: ${s.badRowExamples.join('; ')}${more}.`);
  }
  if (rowCount === 0) {
    notices.push(noUsageReason(s));
  }
  return notices;
}

/** Why no row was kept: where every row read went. */
function noUsageReason(s: FocusReadStats): string {
  const n = (count: number) => count.toLocaleString('en-US');
  const parts = [
    [s.notUsage, 'not ChargeCategory "Usage"'],
    [s.outsideRange, 'outside the time range'],
    [s.filteredOut, "left out by the query's filters"],
    [s.badRows, 'skipped for bad values'],
  ] as const;
  const where = parts.filter(([count]) => count > 0).map(([count, what]) => `${n(count)} ${what}`);
  return s.rowsRead === 0
    ? 'FOCUS: no usage row to estimate: the export files hold no data rows.'
    : `FOCUS: no usage row to estimate: of ${n(s.rowsRead)} rows read, ${where.join(', ')}.`;
}

export function skippedNotices(skipped: string[], notRegular: string[], outside: string[] = []): string[] {
  return [
    ...(outside.length > 0 ? [`FOCUS:${outsideText(outside)}`] : []),
    ...(skipped.length > 0
      ? [`FOCUS: skipped ${skipped.length} file(s) that are not CSV, CSV.GZ or Parquet: ${preview(skipped)}.`]
      : []),
    ...(notRegular.length > 0 ? [`FOCUS:${notRegularText(notRegular)}`] : []),
  ];
}

export function noExportFiles(
  paths: string[],
  skipped: string[],
  notRegular: string[],
  outside: string[] = []
): string {
  const found = skipped.length ? ` Found only: ${preview(skipped)}.` : '';
  return `No FOCUS export files (*.csv, *.csv.gz, *.parquet) under ${paths.join(', ')}.${found}${notRegularText(notRegular)}${outsideText(outside)}`;
}

/** Links inside an allowed folder that lead out of the allow-list. */
export function outsideText(outside: string[]): string {
  return outside.length > 0
    ? ` Skipped ${outside.length} link(s) leading outside the folders allowed for FOCUS exports, never opened: ${preview(outside)}.`
    : '';
}

/** FIFOs, sockets and devices: opening one for reading can wait forever for a writer. */
export function notRegularText(notRegular: string[]): string {
  const what = notRegular.length === 1 ? 'entry that is not a regular file' : 'entries that are not regular files';
  return notRegular.length > 0
    ? ` Skipped ${notRegular.length} ${what} (FIFOs, sockets or devices), never opened: ${preview(notRegular)}.`
    : '';
}

export function kindCounts(files: FocusFile[]): string {
  const counts = new Map<FocusFileKind, number>();
  files.forEach((f) => counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1));
  return [...counts].map(([kind, count]) => `${count} ${KIND_NAMES[kind]}`).join(', ');
}

export function preview(items: string[], max = 5, separator = ', '): string {
  return items.slice(0, max).join(separator) + (items.length > max ? `${separator}… (${items.length} in all)` : '');
}
