/** The dataset version moves with the data: every coefficient file's digest is the one recorded. */
import { digests } from '../../scripts/update-dataset-version.mjs';
import dataset from './data/dataset.json';
import { estimateProvenance } from './provenance';

it('records the SHA-256 of every data file (run node scripts/update-dataset-version.mjs after changing one)', () => {
  expect(digests()).toEqual(dataset.files);
});

it('names methodology, versions, basis and scope', () => {
  expect(estimateProvenance('greenops')).toEqual({
    methodology: 'greenops',
    methodologyVersion: 'greenops 2 (docs/methodology.md, 2026-12)',
    datasetVersion: dataset.version,
    accountingBasis: 'location',
    ghgScope: 'Scope 3, category 1 (purchased goods and services): cloud use',
    interval: '90 % (5th to 95th percentile), docs/methodology.md section 4',
  });
  expect(dataset.version).toMatch(/^\d{4}\.\d{2}\.\d{2}-[0-9a-f]{8}$/);
});
