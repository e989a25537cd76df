/**
 * Classification of usage rows: the neutral description both methodologies start from.
 *
 *   classifyUsage(row)        one row, a fresh frozen object
 *   createUsageClassifier()   a classifier for one batch: rows with the same description share
 *                             one frozen object, so a batch of a million rows costs one
 *                             classification per distinct (provider, service, service category,
 *                             usage type, unit, region, instance type, vCPUs) and no allocation
 *                             per row.
 *   DescriptionMemo           the same per-batch memo for anything derived from a row's
 *                             description (the methodologies' per-line profiles).
 *
 * See types.ts for what each field means.
 */
import type { UsageRow } from '../usage';
import { classifyAws } from './aws';
import { DescribedLine, DescriptionMemo } from './descriptionMemo';
import { classifyOtherCloud } from './otherClouds';
import type { CloudFamily, UsageClassification } from './types';

export type { CcfRoute, CloudFamily, NormalisedUnit, StorageMedia, UsageClassification } from './types';
export { normaliseUnit, isHourLike } from './units';
export { DescribedLine, DescriptionMemo } from './descriptionMemo';

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

class ClassifiedLine extends DescribedLine {
  readonly classification: UsageClassification;

  constructor(row: UsageRow) {
    super(row);
    this.classification = classifyUsage(row);
  }
}

class ClassificationMemo extends DescriptionMemo<ClassifiedLine> {
  protected derive(row: UsageRow): ClassifiedLine {
    return new ClassifiedLine(row);
  }
}

/** A memoising classifier for one batch (see descriptionMemo.ts); drop it and its cache goes too. */
export function createUsageClassifier(): (row: UsageRow) => UsageClassification {
  const memo = new ClassificationMemo();
  return (row) => memo.get(row).classification;
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
