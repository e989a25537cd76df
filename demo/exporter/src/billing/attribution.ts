/**
 * The ATTRIBUTION.md written next to the re-dated copies. CC-BY-4.0 (section 3(a)(1)(B)) requires
 * indicating that the material was modified, so it says what changed, per file.
 */
import type { Partition } from './parquetPartitions';
import { GROWTH_POINTS_PER_MONTH, type RedateResult } from './redateFocus';

export function attributionNote(sampleName: string, result: RedateResult, now: number): string {
  const lines = result.copies.map(
    (c) =>
      `- \`${c.month}\`: dates shifted by ${c.shiftMonths} calendar months; ConsumedQuantity, PricingQuantity and ` +
      `cost columns scaled ×${(c.scalePercent / 100).toFixed(2)}; ${c.rows} rows` +
      (c.droppedFuture ? `; ${c.droppedFuture} rows not yet ended at generation time removed` : '') +
      (c.droppedOutsideMonth ? `; ${c.droppedOutsideMonth} rows on days this month lacks removed` : '')
  );
  return `# FOCUS sample billing data, re-dated (modified)

These files are modified copies of \`${sampleName}\`, the 1,000-row sample of anonymized real-world
billing data in FOCUS 1.0 format from the public repository
FinOps-Open-Cost-and-Usage-Spec/FOCUS-Sample-Data (file \`FOCUS-1.0/focus_sample.csv\`).

Licence: Creative Commons Attribution 4.0 International (CC-BY-4.0),
https://creativecommons.org/licenses/by/4.0/. Credit: FinOps Foundation, FOCUS project.

Changes (made by the GreenOps Carbon demo, demo/exporter/src/billing, at ${new Date(now).toISOString()}):
dates shifted, quantities scaled. The sample's month (${result.sampleMonth}) is copied once per month so the
demo always shows recent data: every FOCUS date column (BillingPeriodStart/End, ChargePeriodStart/End) moved
by whole calendar months; usage quantities and costs scaled by ${GROWTH_POINTS_PER_MONTH} percentage points
less per month back (unit prices unchanged); rows whose charge period had not ended yet, or whose day the
month lacks, removed. Every other value is unchanged.

${lines.join('\n')}
`;
}

/** The note for the Parquet partitions: the copies' changes, plus what the change of format does. */
export function parquetAttributionNote(
  sampleName: string,
  result: RedateResult,
  now: number,
  partitions: readonly Partition[]
): string {
  const lines = partitions.map((p) => `- \`billing_period=${p.billingPeriod}\`: ${p.rows} rows`);
  return `${attributionNote(sampleName, result, now)}
## Stored as Parquet (a further modification)

The Parquet files hold the rows of the re-dated copies above, regrouped by billing period (the month
of each row's BillingPeriodStart) into \`billing_period=YYYY-MM/focus.parquet\`, sorted by
ChargePeriodStart. The date columns are stored as UTC timestamps and the quantity, cost and unit price
columns as double-precision numbers, so the CSV's text (its decimal digits, its date format) is not
kept character for character; \`NULL\` and empty cells are nulls; every other column is text as in
the CSV.

${lines.join('\n')}
`;
}
