import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { EnergyPerUnitQuery } from '../../types';
import { EnergyPerUnitEditor } from './EnergyPerUnitEditor';
import { DISCOVERY, fakeSource, renderEditor } from './testUtils';

const BASE: EnergyPerUnitQuery = {
  refId: 'A',
  queryType: 'energyPerUnit',
  scope: 'namespace',
  selector: '.*',
  unitQuery: '',
  unitName: 'request',
};

const setup = (query: Partial<EnergyPerUnitQuery> = {}, datasource = fakeSource()) =>
  renderEditor(EnergyPerUnitEditor, { ...BASE, ...query }, datasource);

// user-event reads { and [ as key descriptors; doubling escapes them.
const PROMQL = 'sum(http_requests_total{job="api"})';
const typed = (text: string) => text.replace(/[{[]/g, '$&$&');

describe('EnergyPerUnitEditor', () => {
  it('renders the stored query and asks for the unit query while it is empty', async () => {
    await setup({ scope: 'pod', selector: 'api-.*' });
    expect(screen.getByRole('radio', { name: 'Pod' })).toBeChecked();
    expect(screen.getByText('api-.*')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Unit name/)).toHaveValue('request');
    expect(screen.getByText(/Enter a PromQL counter of units of work/)).toBeInTheDocument();
  });

  it('chooses how idle energy is shared (auto by default), for namespaces and pods only', async () => {
    const { onChange, onRunQuery } = await setup();
    expect(screen.getByRole('radio', { name: 'Auto' })).toBeChecked();
    await userEvent.click(screen.getByRole('radio', { name: 'Share by CPU usage' }));
    expect(onChange).toHaveBeenCalledWith({ ...BASE, idlePower: 'byUsage' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('goes back to auto by leaving idlePower out', async () => {
    const { onChange } = await setup({ idlePower: 'exclude' });
    expect(screen.getByRole('radio', { name: 'Exclude' })).toBeChecked();
    await userEvent.click(screen.getByRole('radio', { name: 'Auto' }));
    expect(onChange).toHaveBeenCalledWith({ ...BASE, idlePower: undefined });
  });

  it('hides the idle choice for nodes (whole node energy)', async () => {
    await setup({ scope: 'node' });
    expect(screen.queryByRole('radio', { name: 'Auto' })).not.toBeInTheDocument();
  });

  it('changing the scope updates the query and runs it', async () => {
    const { onChange, onRunQuery } = await setup();
    await userEvent.click(screen.getByRole('radio', { name: 'Process' }));
    expect(onChange).toHaveBeenCalledWith({ ...BASE, scope: 'process' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('types the unit query without running it, and runs it on blur', async () => {
    const { last, onRunQuery } = await setup();
    await userEvent.type(screen.getByLabelText(/^Units of work/), typed(PROMQL));
    expect(last()).toEqual({ ...BASE, unitQuery: PROMQL });
    expect(onRunQuery).not.toHaveBeenCalled();
    expect(screen.queryByText(/Enter a PromQL counter/)).not.toBeInTheDocument();

    await userEvent.tab();
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('runs the unit query on Shift+Enter', async () => {
    const { onRunQuery } = await setup();
    const field = screen.getByLabelText(/^Units of work/);
    await userEvent.type(field, 'sum(jobs_total)');
    fireEvent.keyDown(field, { key: 'Enter', shiftKey: true });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it.each([['unit name', /^Unit name/, 'token', { unitName: 'token' }]])(
    'stores the %s and runs the query on blur',
    async (_name, label, text, patch) => {
      const { last, onRunQuery } = await setup();
      await userEvent.clear(screen.getByLabelText(label));
      await userEvent.type(screen.getByLabelText(label), text);
      expect(last()).toEqual({ ...BASE, ...patch });
      await userEvent.tab();
      expect(onRunQuery).toHaveBeenCalledTimes(1);
    }
  );

  it('stores a typed selector regex and runs the query', async () => {
    const { last, onRunQuery } = await setup();
    await userEvent.type(screen.getByLabelText(/^Selector/), 'shop|checkout{enter}');
    expect(last()).toEqual({ ...BASE, selector: 'shop|checkout' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['namespace', 'getNamespaces', 'shop', 'shop'],
    ['node', 'getNodes', 'ip-10-0-1-23.eu-west-1.compute.internal', 'ip-10-0-1-23\\.eu-west-1\\.compute\\.internal'],
    // A picked name is matched exactly: its dots are escaped.
    ['process', 'getProcesses', '/usr/bin/python3.11', '/usr/bin/python3\\.11'],
  ] as const)(
    'lists %s names for the selector and stores the picked one as an exact regex',
    async (scope, method, name, stored) => {
      const datasource = fakeSource();
      const { last, onRunQuery } = await setup({ scope }, datasource);
      expect(datasource[method]).not.toHaveBeenCalled();
      await userEvent.click(screen.getByLabelText(/^Selector/));
      await userEvent.click(await screen.findByText(name));
      expect(datasource[method]).toHaveBeenCalledTimes(1);
      expect(last()).toEqual({ ...BASE, scope, selector: stored });
      expect(onRunQuery).toHaveBeenCalledTimes(1);
    }
  );

  it('lists nothing for pods (too many), and offers variables', async () => {
    const datasource = fakeSource();
    const { last } = await setup({ scope: 'pod' }, datasource);
    await userEvent.click(screen.getByLabelText(/^Selector/));
    await userEvent.click(await screen.findByText('$namespace'));
    expect(last()).toEqual({ ...BASE, scope: 'pod', selector: '$namespace' });
    expect(datasource.getNamespaces).not.toHaveBeenCalled();
    expect(datasource.getNodes).not.toHaveBeenCalled();
  });

  it('flags an invalid selector', async () => {
    await setup({ selector: '[a-' });
    expect(screen.getByText('Not a valid regular expression')).toBeInTheDocument();
  });

  it('says why the query type is not available', async () => {
    await setup({}, fakeSource({ getExporters: jest.fn(() => Promise.resolve(DISCOVERY)) }));
    expect(screen.getByRole('alert', { name: 'Energy per unit of work is not available' })).toBeInTheDocument();
    expect(screen.getByText('No energy exporter found.')).toBeInTheDocument();
  });
});
