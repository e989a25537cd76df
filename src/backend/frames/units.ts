/**
 * Every Grafana unit id the backend puts in a field's config.unit, defined once. Grafana formats a
 * value by this id; the ids are those of @grafana/data's value formats:
 * https://github.com/grafana/grafana/blob/main/packages/grafana-data/src/valueFormats/categories.ts
 * A unit Grafana has no id for is a `suffix: <text>` (the value as is, then the text).
 */

/** A custom unit: the value followed by `text` (Grafana's "suffix:" unit). */
export function suffixUnit(text: string): string {
  return `suffix: ${text}`;
}

export const UNIT = {
  joule: 'joule',
  kWh: 'kwatth',
  watt: 'watt',
  grams: 'massg',
  usd: 'currencyUSD',
  /** A 0..1 ratio shown as a percentage. */
  ratio: 'percentunit',
  /** A value already in percent (0..100). */
  percent: 'percent',
  bytes: 'bytes',
  days: suffixUnit('d'),
  cores: suffixUnit('cores'),
  intensity: suffixUnit('gCO2e/kWh'),
  kgCO2e: suffixUnit('kgCO2e'),
  vCpuHours: suffixUnit('vCPU-h'),
  gbMonths: suffixUnit('GB-mo'),
  kgCO2ePerVCpuHour: suffixUnit('kgCO2e/vCPU-h'),
} as const;

/**
 * ISO 4217 codes given a `currency<code>` unit. CAD, AUD and CNY are listed although Grafana has
 * no such ids (it then shows the id itself as a suffix); kept so frames do not change.
 */
const CURRENCY_UNITS = new Set([
  'USD',
  'EUR',
  'GBP',
  'JPY',
  'CHF',
  'CAD',
  'AUD',
  'INR',
  'CNY',
  'SEK',
  'NOK',
  'DKK',
  'BRL',
]);

/** The unit of an amount in `currency` (an ISO 4217 code): Grafana's currency unit, else the code as a suffix. */
export function currencyUnit(currency: string): string {
  return CURRENCY_UNITS.has(currency) ? `currency${currency}` : suffixUnit(currency);
}
