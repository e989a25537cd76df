/**
 * One table for every unit spelling the sources send: AWS Cost Explorer / CUR pricing units
 * (`Hrs`, `GB-Mo`, `Lambda-GB-Second`...), FOCUS ConsumedUnit / PricingUnit of AWS, Azure, GCP and
 * Oracle exports (`Hours`, `GB-Months`, `GB Hours`, `OCPU Hours`...), and Azure's unit-of-measure
 * with a quantity prefix (`10 Hours`, `1 GB/Month`).
 *
 * Keys are compared after lower-casing and folding spaces and underscores to `-`.
 */
import { CCF_KNOWN_UNITS } from './awsCatalogue';
import type { NormalisedUnit } from './types';

/** Pricing units as CUR spells them. */
const CUR_UNIT_SPELLINGS: readonly string[] = [...CCF_KNOWN_UNITS.keys()];

export interface UnitReading {
  unit: NormalisedUnit;
  multiplier: number;
}

/** 1 GiB in GB: FOCUS and GCP may bill in binary units. */
const GIB = 1.073741824;

const UNIT_SPELLINGS: ReadonlyArray<[NormalisedUnit, number, string[]]> = [
  [
    'hours',
    1,
    ['hrs', 'hr', 'hour', 'hours', '1-hour', '1-hours', 'instance-hours', 'node-hours', 'hours-per-instance'],
  ],
  ['hours', 10, ['10-hours', '10-hour']],
  ['hours', 100, ['100-hours', '100-hour']],
  ['hours', 1000, ['1000-hours', '1000-hour']],
  ['vcpu-hours', 1, ['vcpu-hours', 'vcpu-hour', 'vcpu-hrs', 'vcpu-hr', '1-vcpu-hour', 'vcpu-hours-per-hour']],
  ['ocpu-hours', 1, ['ocpu-hours', 'ocpu-hour', 'ocpu-per-hour', 'ocpu-hrs']],
  ['dpu-hours', 1, ['dpu-hour', 'dpu-hours', 'dpu-hr']],
  ['acu-hours', 1, ['acu-hr', 'acu-hrs', 'acu-hour', 'acu-hours']],
  ['gb-hours', 1, ['gb-hours', 'gb-hour', 'gb-hrs', 'gb-hr', '1-gb-hour', '1-gb-hours']],
  ['gb-hours', GIB, ['gib-hours', 'gib-hour', 'gibibyte-hours', 'gibibyte-hour']],
  [
    'gb-months',
    1,
    [
      'gb-mo',
      'gb-month',
      'gb-months',
      'gb-mp',
      'gb/month',
      '1-gb/month',
      'gb-mo-prorated',
      'gigabyte-month',
      'gigabyte-months',
    ],
  ],
  ['gb-months', GIB, ['gib-mo', 'gib-month', 'gib-months', 'gibibyte-month', 'gibibyte-months']],
  ['gb-months', 1000, ['tb-mo', 'tb-month', 'tb-months', 'tb/month', '1-tb/month']],
  ['gb', 1, ['gb', 'gigabytes', 'gigabyte', '1-gb', 'gb-transferred']],
  ['gb', GIB, ['gib', 'gibibyte', 'gibibytes']],
  ['gb', 1000, ['tb', '1-tb', 'terabytes', 'terabyte']],
  ['gb', 1e-9, ['bytes', 'byte']],
  ['seconds', 1, ['seconds', 'second', 'secs', 'sec', 's']],
  [
    'gb-seconds',
    1,
    [
      'lambda-gb-second',
      'lambda-gb-seconds',
      'gb-seconds',
      'gb-second',
      'gb-sec',
      'gb-s',
      '1-gb-second',
      'lambda-gb-second-arm',
    ],
  ],
  ['gb-seconds', GIB, ['gib-seconds', 'gib-second', 'gibibyte-seconds']],
  ['requests', 1, ['requests', 'request', 'count', 'requests-count', 'api-calls', 'queries']],
];

const BY_KEY: ReadonlyMap<string, UnitReading> = new Map(
  UNIT_SPELLINGS.flatMap(([unit, multiplier, keys]) =>
    keys.map((k) => [k, Object.freeze({ unit, multiplier })] as [string, UnitReading])
  )
);

const OTHER: UnitReading = Object.freeze({ unit: 'other', multiplier: 1 });

export function unitKey(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

function readUnit(raw: string | undefined): UnitReading {
  return (raw && BY_KEY.get(unitKey(raw))) || OTHER;
}

/**
 * The readings of spellings as bills print them (CUR's `Hrs`, `GB-Mo`..., and the table's own
 * keys), worked out once so the common case skips trimming, lower-casing and folding.
 */
const BY_RAW: ReadonlyMap<string, UnitReading> = new Map(
  [...CUR_UNIT_SPELLINGS, ...BY_KEY.keys()].map((raw) => [raw, readUnit(raw)])
);

/** The normalised unit of a raw spelling; `other` (×1) when the spelling is not known. */
export function normaliseUnit(raw: string | undefined): UnitReading {
  return (raw !== undefined && BY_RAW.get(raw)) || readUnit(raw);
}

const HOUR_LIKE: ReadonlySet<NormalisedUnit> = new Set(['hours', 'vcpu-hours', 'ocpu-hours', 'dpu-hours', 'acu-hours']);

export function isHourLike(unit: NormalisedUnit): boolean {
  return HOUR_LIKE.has(unit);
}
