import { screen } from '@testing-library/react';

import { CarbonEfficiencyQuery } from '../../types';
import { CarbonEfficiencyEditor } from './CarbonEfficiencyEditor';
import { DISCOVERY, fakeSource, pick, renderEditor } from './testUtils';

const BASE: CarbonEfficiencyQuery = { refId: 'A', queryType: 'carbonEfficiency' };

const setup = (query: Partial<CarbonEfficiencyQuery> = {}, datasource = fakeSource()) =>
  renderEditor(CarbonEfficiencyEditor, { ...BASE, ...query }, datasource);

describe('CarbonEfficiencyEditor', () => {
  it('renders all namespaces when none is picked', async () => {
    await setup();
    expect(screen.getByText('All namespaces')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('adds a namespace listed by the backend and runs the query', async () => {
    const { onChange, onRunQuery } = await setup({ namespaces: ['shop'] });
    await pick('Namespaces', 'jobs');
    expect(onChange).toHaveBeenCalledWith({ ...BASE, namespaces: ['shop', 'jobs'] });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('says why the query type is not available', async () => {
    await setup({}, fakeSource({ getExporters: jest.fn(() => Promise.resolve(DISCOVERY)) }));
    expect(
      screen.getByRole('alert', { name: 'Carbon efficiency (requested vs used) is not available' })
    ).toBeInTheDocument();
    expect(screen.getByText('Needs kube-state-metrics and cAdvisor.')).toBeInTheDocument();
  });

  it('says when Prometheus is not configured at all', async () => {
    await setup({}, fakeSource({}, {}));
    expect(screen.getByRole('alert', { name: 'Prometheus is not configured' })).toBeInTheDocument();
    expect(screen.getByText(/Set its URL under "Prometheus" in the data source settings/)).toBeInTheDocument();
  });
});
