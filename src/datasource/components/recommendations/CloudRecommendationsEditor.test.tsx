import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { CloudRecommendationsQuery } from '../../types';
import { pick } from '../energy/testUtils';
import { CloudRecommendationsEditor } from './CloudRecommendationsEditor';
import { fakeSource, renderEditor } from './testUtils';

const BASE: CloudRecommendationsQuery = {
  refId: 'A',
  queryType: 'cloudRecommendations',
  methodology: 'greenops',
  format: 'table',
};

const setup = (query: Partial<CloudRecommendationsQuery> = {}, datasource = fakeSource()) =>
  renderEditor(CloudRecommendationsEditor, { ...BASE, ...query }, datasource);

describe('CloudRecommendationsEditor', () => {
  it('renders a new query: all kinds, the source the backend will use, no filters', async () => {
    await setup();
    expect(screen.getByText('All kinds')).toBeInTheDocument();
    // Cost Explorer comes first when both billing sources are configured.
    expect(screen.getByRole('radio', { name: 'AWS Cost Explorer' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Table' })).toBeChecked();
    expect(screen.getByText('All regions')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows FOCUS as the source when it is the only billing source', async () => {
    await setup({}, fakeSource({ focus: { paths: ['/data/focus'] } }));
    expect(screen.getByRole('radio', { name: 'FOCUS exports' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'AWS Cost Explorer' })).toBeDisabled();
  });

  it.each([
    ['a kind', () => pick('Kinds', 'Region switch'), { kinds: ['regionSwitch'] }],
    ['the source', () => userEvent.click(screen.getByRole('radio', { name: 'FOCUS exports' })), { source: 'focus' }],
    ['the format', () => userEvent.click(screen.getByRole('radio', { name: 'Summary' })), { format: 'summary' }],
    [
      'the methodology',
      () => userEvent.click(screen.getByRole('radio', { name: 'CCF (reproduce Cloud Carbon Footprint)' })),
      { methodology: 'ccf' },
    ],
    [
      'a region filter',
      () => userEvent.type(screen.getByLabelText('Regions'), 'eu-west-1{enter}'),
      { filters: { regions: ['eu-west-1'] } },
    ],
  ])('changing %s updates the query and runs it', async (_name, change, patch) => {
    const { last, onRunQuery } = await setup();
    await change();
    expect(last()).toEqual({ ...BASE, ...patch });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('drops the kinds once the last one is removed, so all kinds apply', async () => {
    const { last } = await setup({ kinds: ['rightsizing'] });
    await userEvent.click(screen.getByLabelText('Kinds'));
    await userEvent.keyboard('{Backspace}');
    expect(last()).toEqual(BASE);
    expect(screen.getByText('All kinds')).toBeInTheDocument();
  });

  it('says rightsizing needs Cost Explorer when only FOCUS is configured', async () => {
    await setup({ kinds: ['rightsizing'] }, fakeSource({ focus: { paths: ['/data/focus'] } }));
    expect(screen.getByText('Rightsizing needs AWS Cost Explorer')).toBeInTheDocument();
    expect(screen.getByText(/Set up "AWS Cost Explorer" in the data source settings/)).toBeInTheDocument();
  });

  it('names the billing sources to set up when there is none', async () => {
    await setup({}, fakeSource({ prometheus: { url: 'http://prometheus:9090' } }));
    expect(screen.getByText('No billing source')).toBeInTheDocument();
    expect(screen.getByText(/set up "AWS Cost Explorer" or "FOCUS\s+exports"/)).toBeInTheDocument();
    expect(screen.queryByRole('radio', { name: 'AWS Cost Explorer' })).not.toBeInTheDocument();
  });
});
