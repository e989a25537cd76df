import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { NamespaceEnergyQuery } from '../../types';
import { IDLE_TOOLTIP, NamespaceEnergyEditor } from './NamespaceEnergyEditor';
import { DISCOVERY, fakeSource, pick, renderEditor } from './testUtils';

const BASE: NamespaceEnergyQuery = {
  refId: 'A',
  queryType: 'namespaceEnergy',
  groupBy: 'namespace',
  metric: 'power',
  idlePower: 'exclude',
  zone: 'package',
};

const setup = (query: Partial<NamespaceEnergyQuery> = {}, datasource = fakeSource()) =>
  renderEditor(NamespaceEnergyEditor, { ...BASE, ...query }, datasource);

describe('NamespaceEnergyEditor', () => {
  it('renders the stored query', async () => {
    await setup({ namespaces: ['shop'], groupBy: 'pod', metric: 'co2e', idlePower: 'byUsage', zone: 'dram' });
    expect(screen.getByRole('radio', { name: 'Pod' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'CO2e' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Share by CPU usage' })).toBeChecked();
    expect(screen.getByText('dram')).toBeInTheDocument();
    expect(screen.getByText('shop')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('fills in defaults for fields a hand-written query lacks', async () => {
    await setup({ groupBy: undefined, metric: undefined, idlePower: undefined, zone: undefined } as never);
    expect(screen.getByRole('radio', { name: 'Namespace' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Power' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Exclude' })).toBeChecked();
    expect(screen.getByText('package')).toBeInTheDocument();
    expect(screen.getByText('All namespaces')).toBeInTheDocument();
    // Energy columns are IT energy (whole server) unless the query says otherwise.
    expect(screen.getByRole('radio', { name: 'IT (whole server)' })).toBeChecked();
  });

  it.each([
    ['group by', () => userEvent.click(screen.getByRole('radio', { name: 'Workload' })), { groupBy: 'workload' }],
    ['metric', () => userEvent.click(screen.getByRole('radio', { name: 'Energy' })), { metric: 'energy' }],
    [
      'idle power',
      () => userEvent.click(screen.getByRole('radio', { name: 'Share by CPU request' })),
      { idlePower: 'byRequest' },
    ],
    ['zone', () => pick('Zone', 'core'), { zone: 'core' }],
    [
      'energy boundary',
      () => userEvent.click(screen.getByRole('radio', { name: 'Facility' })),
      { energyBoundary: 'facility' },
    ],
    [
      'energy boundary back to the reading',
      () => userEvent.click(screen.getByRole('radio', { name: 'As measured' })),
      { energyBoundary: 'measured' },
    ],
    ['namespaces', () => pick('Namespaces', 'shop'), { namespaces: ['shop'] }],
  ])('changing the %s updates the query and runs it', async (_name, change, patch) => {
    const { onChange, onRunQuery } = await setup();
    await change();
    expect(onChange).toHaveBeenCalledWith({ ...BASE, ...patch });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('explains that Kepler 0.10 leaves idle power unattributed', () => {
    // The label's tooltip; the jest mock of Icon cannot be hovered, so the text is checked directly.
    expect(IDLE_TOOLTIP).toMatch(/Kepler 0.10\+ attributes only active power .* leaves idle power unattributed/);
  });

  it('says nothing when discovery finds the query type available', async () => {
    await setup({}, fakeSource({ getExporters: jest.fn(() => Promise.resolve(DISCOVERY)) }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says why the query type is not available', async () => {
    const unavailable = {
      ...DISCOVERY,
      queryTypes: {
        namespaceEnergy: { available: false, reason: 'No Kepler, Scaphandre --containers or DCGM found.' },
      },
    };
    await setup({}, fakeSource({ getExporters: jest.fn(() => Promise.resolve(unavailable)) }));
    expect(screen.getByRole('alert', { name: 'Kubernetes energy (measured) is not available' })).toBeInTheDocument();
    expect(screen.getByText('No Kepler, Scaphandre --containers or DCGM found.')).toBeInTheDocument();
    expect(screen.getByText('Found in Prometheus: Kepler 0.10+, OpenCost.')).toBeInTheDocument();
  });
});
