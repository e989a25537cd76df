/**
 * Classification of usage rows: the neutral description both methodologies start from.
 *
 *   classifyUsage(row)        one row, a fresh frozen object
 *   createUsageClassifier()   a classifier for one batch: rows with the same description share
 *                             one frozen object, so a batch of a million rows costs one
 *                             classification per distinct (provider, service, usage type, unit,
 *                             region, instance type, vCPUs) and no allocation per row.
 *
 * See types.ts for what each field means.
 */
import type { UsageRow } from '../usage';
import { classifyAws } from './aws';
import { classifyOtherCloud } from './otherClouds';
import type { CloudFamily, UsageClassification } from './types';

export type { CcfRoute, CloudFamily, NormalisedUnit, StorageMedia, UsageClassification } from './types';
export { normaliseUnit, isHourLike } from './units';

const CLOUD_ALIASES: ReadonlyMap<string, CloudFamily> = new Map([
  ['aws', 'aws'],
  ['amazon', 'aws'],
  ['amazon web services', 'aws'],
  ['amazon web services, inc.', 'aws'],
  ['azure', 'azure'],
  ['microsoft', 'azure'],
  ['microsoft azure', 'azure'],
  ['gcp', 'gcp'],
  ['google', 'gcp'],
  ['google cloud', 'gcp'],
  ['google cloud platform', 'gcp'],
  ['oci', 'oci'],
  ['oracle', 'oci'],
  ['oracle cloud infrastructure', 'oci'],
]);

/** The provider family of a row's `provider` (FOCUS ProviderName or our ids), `other` when unrecognised. */
export function cloudFamily(provider: string | undefined): CloudFamily {
  return CLOUD_ALIASES.get((provider ?? '').trim().toLowerCase()) ?? 'other';
}

export function classifyUsage(row: UsageRow): UsageClassification {
  const cloud = cloudFamily(row.provider);
  return Object.freeze(cloud === 'aws' ? classifyAws(row) : classifyOtherCloud(row, cloud));
}

interface CachedClassification {
  provider: string;
  service: string;
  serviceCategory: string | undefined;
  unit: string;
  region: string;
  instanceType: string | undefined;
  vCpus: number | undefined;
  classification: UsageClassification;
}

function sameDescription(entry: CachedClassification, row: UsageRow): boolean {
  return (
    entry.provider === row.provider &&
    entry.service === row.service &&
    entry.unit === row.unit &&
    entry.region === row.region &&
    entry.serviceCategory === row.serviceCategory &&
    entry.instanceType === row.instanceType &&
    Object.is(entry.vCpus, row.vCpus)
  );
}

/**
 * A memoising classifier for one batch. The cache lives in the returned closure (no module state):
 * drop the function and the cache goes with it.
 */
export function createUsageClassifier(): (row: UsageRow) => UsageClassification {
  // Usage type and region are the most selective fields; the few descriptions sharing both are scanned.
  const byUsageType = new Map<string, Map<string, CachedClassification[]>>();
  return (row) => {
    let byRegion = byUsageType.get(row.usageType);
    if (byRegion === undefined) {
      byRegion = new Map();
      byUsageType.set(row.usageType, byRegion);
    }
    let entries = byRegion.get(row.region);
    if (entries === undefined) {
      entries = [];
      byRegion.set(row.region, entries);
    }
    for (let i = 0; i < entries.length; i++) {
      if (sameDescription(entries[i], row)) {
        return entries[i].classification;
      }
    }
    const classification = classifyUsage(row);
    entries.push({
      provider: row.provider,
      service: row.service,
      serviceCategory: row.serviceCategory,
      unit: row.unit,
      region: row.region,
      instanceType: row.instanceType,
      vCpus: row.vCpus,
      classification,
    });
    return classification;
  };
}

/** Classifies a whole batch, same length and order; identical descriptions share one object. */
export function classifyBatch(rows: readonly UsageRow[]): UsageClassification[] {
  const classify = createUsageClassifier();
  const out = new Array<UsageClassification>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    out[i] = classify(rows[i]);
  }
  return out;
}
