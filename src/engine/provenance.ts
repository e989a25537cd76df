/**
 * What an estimate is, for a report: the methodology and its version, the coefficient dataset's
 * version (data/dataset.json, which moves with every data file), the accounting basis and the GHG
 * Protocol scope the emissions belong to. Every frame of an estimate carries it in meta.custom.
 */
import dataset from './data/dataset.json';

/**
 * GHG Protocol Scope 2 Guidance's two bases. Location: the average grid intensity where the electricity
 * is used. Market: net of the provider's carbon-free energy where it publishes it (greenops, Google's
 * CFE; docs/methodology.md section 6b); not available elsewhere.
 */
export type AccountingBasis = 'location' | 'market';

export interface EstimateProvenance {
  methodology: string;
  methodologyVersion: string;
  datasetVersion: string;
  accountingBasis: AccountingBasis;
  ghgScope: string;
  /** What the low/high columns are. */
  interval: string;
}

export const DATASET_VERSION: string = dataset.version;

const METHODOLOGY_VERSIONS = {
  greenops: 'greenops 2 (docs/methodology.md, 2026-12)',
  ccf: 'Cloud Carbon Footprint, reproduced: @cloud-carbon-footprint/aws 0.15.0, core 0.17.3, common 1.15.0',
  measured: 'measured 2 (docs/methodology.md section 9, 2026-12)',
} as const;

export type ProvenanceMethodology = keyof typeof METHODOLOGY_VERSIONS;

/** Cloud use is the customer's purchased service; energy measured on hardware one operates is its own electricity. */
const SCOPES: Record<ProvenanceMethodology, string> = {
  greenops: 'Scope 3, category 1 (purchased goods and services): cloud use',
  ccf: 'Scope 3, category 1 (purchased goods and services): cloud use',
  measured:
    'Scope 2 (purchased electricity) for hardware you operate; Scope 3, category 1 when the cluster runs on a cloud provider',
};

const INTERVALS: Record<ProvenanceMethodology, string> = {
  greenops: '90 % (5th to 95th percentile), docs/methodology.md section 4',
  ccf: 'none: Cloud Carbon Footprint states no range (low = high = the estimate)',
  measured:
    '90 % (5th to 95th percentile) of PUE and grid factor where a range is shown, docs/methodology.md section 4',
};

export function estimateProvenance(
  methodology: ProvenanceMethodology,
  accountingBasis: AccountingBasis = 'location'
): EstimateProvenance {
  return {
    methodology,
    methodologyVersion: METHODOLOGY_VERSIONS[methodology],
    datasetVersion: DATASET_VERSION,
    accountingBasis,
    ghgScope: SCOPES[methodology],
    interval: INTERVALS[methodology],
  };
}
