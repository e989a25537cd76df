/**
 * GetRightsizingRecommendation names regions by their location ("US East (N. Virginia)",
 * "EU (Ireland)"), not by code. The names come from the grid data's `location` of every AWS region
 * (one source of truth), plus AWS's older spellings that the API still prints.
 */
import { listRegions } from '../../../engine/gridIntensity';

/**
 * Older location names AWS pricing and Cost Explorer still use, by the current name's region. Not
 * covered by the "EU (…)" → "Europe (…)" rule below. From the AWS Price List "location" attribute.
 */
const OLD_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['AWS GovCloud (US)', 'us-gov-west-1'],
  ['Asia Pacific (Osaka-Local)', 'ap-northeast-3'],
];

/** Lower case, accents dropped ("São Paulo" = "Sao Paulo"), single spaces. */
function canonical(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

let byName: ReadonlyMap<string, string> | undefined;

function table(): ReadonlyMap<string, string> {
  if (!byName) {
    const names = new Map<string, string>();
    for (const record of listRegions('aws')) {
      names.set(canonical(record.location), record.region);
    }
    for (const [name, region] of OLD_NAMES) {
      names.set(canonical(name), region);
    }
    byName = names;
  }
  return byName;
}

/**
 * The region code of a rightsizing location name; '' when unknown. AWS now calls its European
 * locations "Europe (X)", but rightsizing still prints the older "EU (X)".
 */
export function regionCodeOfLocation(location: string | undefined): string {
  const name = canonical(location ?? '');
  if (!name) {
    return '';
  }
  const names = table();
  return names.get(name) ?? names.get(name.replace(/^eu \(/, 'europe (')) ?? '';
}
