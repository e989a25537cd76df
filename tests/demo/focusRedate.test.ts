/**
 * The demo's FOCUS re-dater (demo/exporter/src/billing) on the published sample: whole rows kept,
 * dates moved by exactly the same calendar months, quantities and costs scaled as its header says
 * (×1.00 this month, ×0.95 the month before, ×0.90 two before), rows not yet ended dropped, and
 * every other byte as published. Expected values are read off the sample by an independent parse
 * and written here by hand.
 */
import fs from 'node:fs';
import path from 'node:path';

import { redateFocus, type MonthCopy } from '../../demo/exporter/src/billing/redateFocus';
import { writeRedatedCopies } from '../../demo/exporter/src/billing/redateCli';
import { makeScratchDir } from '../helpers/prometheus';
import { endedBeforeNow, NOW, parseRows, SAMPLE_FILE, SAMPLE_ROWS, SAMPLE_TEXT, type Row } from './focusRecent';

const result = redateFocus(SAMPLE_TEXT, { now: NOW, months: 3 });
const copy = (month: string): MonthCopy => result.copies.find((c) => c.month === month)!;
const rowsOf = (month: string) => parseRows(copy(month).csv);
const byId = (rows: Row[], id: string) => rows.find((r) => r.Id === id)!;
const DATE_COLUMNS = ['BillingPeriodStart', 'BillingPeriodEnd', 'ChargePeriodStart', 'ChargePeriodEnd'];
const SCALED = ['ConsumedQuantity', 'PricingQuantity', 'BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost'];

describe('FOCUS sample re-dated at 2025-06-18 12:00 UTC', () => {
  it('makes April, May and June 2025 copies of the September 2024 sample', () => {
    expect(result.sampleMonth).toBe('2024-09');
    expect(result.copies.map((c) => [c.month, c.shiftMonths, c.scalePercent])).toEqual([
      ['2025-04', 7, 90],
      ['2025-05', 8, 95],
      ['2025-06', 9, 100],
    ]);
  });

  it('keeps every row of the sample in the past months, and only the rows ended by now in June', () => {
    expect(SAMPLE_ROWS).toHaveLength(1000);
    expect(rowsOf('2025-04')).toHaveLength(1000);
    expect(rowsOf('2025-05')).toHaveLength(1000);
    const ended = SAMPLE_ROWS.filter(endedBeforeNow);
    expect(ended.length).toBeGreaterThan(0);
    expect(ended.length).toBeLessThan(1000);
    const june = rowsOf('2025-06');
    expect(june.map((r) => r.Id)).toEqual(ended.map((r) => r.Id));
    expect(copy('2025-06')).toMatchObject({ rows: ended.length, droppedFuture: 1000 - ended.length });
    // None of what is left ends after now.
    expect(june.every((r) => Date.parse(`${r.ChargePeriodEnd.replace(' ', 'T')}Z`) <= NOW)).toBe(true);
  });

  it('shifts every date column by the same months (rows checked by hand)', () => {
    const may = rowsOf('2025-05');
    // The first row: an hour of SQS requests on September 18th.
    expect(DATE_COLUMNS.map((c) => byId(may, '11472')[c])).toEqual([
      '2025-05-01 00:00:00',
      '2025-06-01 00:00:00',
      '2025-05-18 22:00:00',
      '2025-05-18 23:00:00',
    ]);
    // September's last hour, ending on October 1st: days are kept, so in 31-day May it starts on
    // the 30th and still ends on June 1st (the one period whose length changes, documented).
    expect(DATE_COLUMNS.map((c) => byId(may, '3295067')[c])).toEqual([
      '2025-05-01 00:00:00',
      '2025-06-01 00:00:00',
      '2025-05-30 23:00:00',
      '2025-06-01 00:00:00',
    ]);
    // The Oracle row billed in October for a September hour keeps that one-month lag.
    expect(DATE_COLUMNS.map((c) => byId(rowsOf('2025-04'), '5193877')[c])).toEqual([
      '2025-05-01 00:00:00',
      '2025-06-01 00:00:00',
      '2025-04-30 22:00:00',
      '2025-04-30 23:00:00',
    ]);
    // Every date of every row: same day and time, month moved by 8 (September → May).
    const moved: Record<string, string> = { '2024-09': '2025-05', '2024-10': '2025-06', '2024-11': '2025-07' };
    SAMPLE_ROWS.forEach((src, i) => {
      for (const c of DATE_COLUMNS) {
        expect(may[i][c]).toBe(moved[src[c].slice(0, 7)] + src[c].slice(7));
      }
    });
  });

  it('keeps every other cell byte-identical: quoting, NULL literals, JSON tags', () => {
    // June is scaled ×1.00, so its lines are the sample's with only the dates rewritten.
    const redate = (line: string) =>
      line.replace(/"2024-(09|10|11)-/g, (_m, mm: string) => `"2025-${String(Number(mm) - 3).padStart(2, '0')}-`);
    const sampleLines = SAMPLE_TEXT.split('\n');
    const ids = new Set(SAMPLE_ROWS.filter(endedBeforeNow).map((r) => r.Id));
    const expected = [
      sampleLines[0],
      ...sampleLines
        .slice(1, 1001)
        .filter((_l, i) => ids.has(SAMPLE_ROWS[i].Id))
        .map(redate),
    ];
    expect(copy('2025-06').csv).toBe(expected.join('\n') + '\n');
    // In the scaled months only the scaled columns differ from the sample.
    const may = rowsOf('2025-05');
    SAMPLE_ROWS.forEach((src, i) => {
      for (const c of Object.keys(src).filter((k) => !DATE_COLUMNS.includes(k) && !SCALED.includes(k))) {
        expect(may[i][c]).toBe(src[c]);
      }
    });
  });

  it('scales quantities and costs as documented (cells and sums by hand)', () => {
    const row = (month: string, id: string) => byId(rowsOf(month), id);
    // 2 requests for $0.0000008 at $0.0000004 each; the unit price stays.
    expect(row('2025-05', '11472')).toMatchObject({
      ConsumedQuantity: '1.900000000000000',
      PricingQuantity: '1.90000000000',
      BilledCost: '0.00000076000',
      ListCost: '0.00000076000',
      EffectiveCost: '0.00000000000',
      ListUnitPrice: '0.0000004',
    });
    expect(row('2025-04', '11472')).toMatchObject({
      ConsumedQuantity: '1.800000000000000',
      BilledCost: '0.00000072000',
    });
    // The credit row: negative costs scale too, a NULL quantity stays NULL.
    expect(row('2025-05', '2555992')).toMatchObject({
      BilledCost: '-2.48301500000',
      EffectiveCost: '-2.85000000000',
      ContractedCost: '-2.85000000000',
      ConsumedQuantity: 'NULL',
      PricingQuantity: '0.00000000000',
    });
    const sum = (rows: Row[], c: string) => rows.reduce((s, r) => s + (r[c] === 'NULL' ? 0 : Number(r[c])), 0);
    for (const c of SCALED) {
      const published = sum(SAMPLE_ROWS, c);
      expect(published).not.toBe(0);
      expect(sum(rowsOf('2025-04'), c)).toBeCloseTo(published * 0.9, 6);
      expect(sum(rowsOf('2025-05'), c)).toBeCloseTo(published * 0.95, 6);
    }
    // Unit prices are not usage: unchanged.
    expect(sum(rowsOf('2025-04'), 'ListUnitPrice')).toBe(sum(SAMPLE_ROWS, 'ListUnitPrice'));
  });
});

describe('FOCUS sample re-dated into February', () => {
  const feb = redateFocus(SAMPLE_TEXT, { now: Date.UTC(2025, 2, 10, 12), months: 3 }).copies[1];
  const rows = parseRows(feb.csv);

  it('leaves out the 29th and 30th, which February 2025 lacks, and keeps every other row', () => {
    const onMissingDays = SAMPLE_ROWS.filter((r) => /^2024-09-(29|30) /.test(r.ChargePeriodStart));
    expect(onMissingDays.length).toBeGreaterThan(0);
    expect(feb).toMatchObject({
      month: '2025-02',
      shiftMonths: 5,
      scalePercent: 95,
      droppedOutsideMonth: onMissingDays.length,
    });
    expect(rows).toHaveLength(1000 - onMissingDays.length);
    expect(rows.every((r) => r.ChargePeriodStart.startsWith('2025-02-'))).toBe(true);
  });

  it('runs an hour ending on the 29th over into March 1st, keeping it one hour long', () => {
    expect(byId(rows, '2121652')).toMatchObject({
      ChargePeriodStart: '2025-02-28 23:00:00',
      ChargePeriodEnd: '2025-03-01 00:00:00',
      BillingPeriodEnd: '2025-03-01 00:00:00',
    });
  });
});

describe('redateCli writeRedatedCopies', () => {
  it('replaces the folder contents with one CSV per month and an attribution stating the changes', () => {
    const out = makeScratchDir('focus-recent-');
    try {
      fs.writeFileSync(path.join(out, 'focus_sample_1000.2020-01.csv'), 'stale');
      const written = writeRedatedCopies({ sample: SAMPLE_FILE, out, now: NOW, months: 3 });
      expect(fs.readdirSync(out).sort()).toEqual([
        'ATTRIBUTION.md',
        'focus_sample_1000.2025-04.csv',
        'focus_sample_1000.2025-05.csv',
        'focus_sample_1000.2025-06.csv',
      ]);
      expect(fs.readFileSync(written.files[1], 'utf8')).toBe(copy('2025-05').csv);
      const note = fs.readFileSync(path.join(out, 'ATTRIBUTION.md'), 'utf8');
      expect(note).toContain('CC-BY-4.0');
      expect(note).toContain('FinOps Foundation');
      expect(note).toContain('dates shifted, quantities scaled');
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('refuses a file without ChargePeriodStart, naming what it found', () => {
    expect(() => redateFocus('Foo,Bar\n1,2\n', { now: NOW })).toThrow(/no ChargePeriodStart column.*Foo, Bar/);
  });
});
