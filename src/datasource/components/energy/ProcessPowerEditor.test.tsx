import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { ProcessPowerQuery } from '../../types';
import { namespacesRegex, ProcessPowerEditor } from './ProcessPowerEditor';
import { DISCOVERY, fakeSource, renderEditor } from './testUtils';

const BASE: ProcessPowerQuery = { refId: 'A', queryType: 'processPower', metric: 'power', topN: 10 };

const setup = (query: Partial<ProcessPowerQuery> = {}, datasource = fakeSource()) =>
  renderEditor(ProcessPowerEditor, { ...BASE, ...query }, datasource);

describe('ProcessPowerEditor', () => {
  it('renders the stored query', async () => {
    await setup({ metric: 'energy', topN: 5, exe: '.*nginx', cmdline: '.*--port=8080', namespaces: ['shop'] });
    expect(screen.getByRole('radio', { name: 'Energy' })).toBeChecked();
    expect(screen.getByLabelText(/^Top/)).toHaveValue(5);
    expect(screen.getByText('.*nginx')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Command line/)).toHaveValue('.*--port=8080');
    expect(screen.getByText('shop')).toBeInTheDocument();
  });

  it('changing the metric updates the query and runs it', async () => {
    const { onChange, onRunQuery } = await setup();
    await userEvent.click(screen.getByRole('radio', { name: 'Energy' }));
    expect(onChange).toHaveBeenCalledWith({ ...BASE, metric: 'energy' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('stores top N as a number and runs the query once the field loses focus', async () => {
    const { last, onRunQuery } = await setup();
    await userEvent.clear(screen.getByLabelText(/^Top/));
    expect(last()).toEqual({ ...BASE, topN: undefined });
    await userEvent.type(screen.getByLabelText(/^Top/), '25');
    expect(last()).toEqual({ ...BASE, topN: 25 });
    expect(onRunQuery).not.toHaveBeenCalled();

    await userEvent.tab();
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('flags a top N below 1', async () => {
    await setup({ topN: 0 });
    expect(screen.getByText('Enter a whole number from 1 to 200')).toBeInTheDocument();
  });

  it('flags a top N above the backend limit of 200 and does not run it; 200 runs', async () => {
    const { last, onRunQuery } = await setup();
    await userEvent.clear(screen.getByLabelText(/^Top/));
    await userEvent.type(screen.getByLabelText(/^Top/), '201');
    expect(last()).toEqual({ ...BASE, topN: 201 });
    expect(screen.getByText('Enter a whole number from 1 to 200')).toBeInTheDocument();
    await userEvent.tab();
    expect(onRunQuery).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText(/^Top/), '{backspace}{backspace}{backspace}200');
    expect(screen.queryByText(/Enter a whole number/)).not.toBeInTheDocument();
    await userEvent.tab();
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it.each([['command line', /^Command line/, '.*http.server.*', { cmdline: '.*http.server.*' }]])(
    'stores the %s regex and runs the query on blur, not on every keystroke',
    async (_name, label, text, patch) => {
      const { last, onRunQuery } = await setup();
      await userEvent.type(screen.getByLabelText(label), text);
      expect(last()).toEqual({ ...BASE, ...patch });
      expect(onRunQuery).not.toHaveBeenCalled();
      await userEvent.tab();
      expect(onRunQuery).toHaveBeenCalledTimes(1);
    }
  );

  it('removes a cleared regex and does not run again on a blur without changes', async () => {
    const { last, onRunQuery } = await setup({ cmdline: 'x' });
    await userEvent.clear(screen.getByLabelText(/^Command line/));
    expect(last()).toEqual({ ...BASE, cmdline: undefined });
    await userEvent.tab();
    await userEvent.click(screen.getByLabelText(/^Command line/));
    await userEvent.tab();
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('stores a typed executable regex and runs the query', async () => {
    const { last, onRunQuery } = await setup();
    await userEvent.type(screen.getByLabelText(/^Executable/), '.*nginx{enter}');
    expect(last()).toEqual({ ...BASE, exe: '.*nginx' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('lists Scaphandre executables once the menu opens and stores the picked one as an exact regex', async () => {
    const datasource = fakeSource();
    const { last, onRunQuery } = await setup({}, datasource);
    expect(datasource.getProcesses).not.toHaveBeenCalled();
    await userEvent.click(screen.getByLabelText(/^Executable/));
    await userEvent.click(await screen.findByText('/usr/bin/python3.11'));
    expect(datasource.getProcesses).toHaveBeenCalledWith(undefined);
    expect(last()).toEqual({ ...BASE, exe: '/usr/bin/python3\\.11' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('lists the executables of the picked namespaces only, and all of them while a variable is among them', async () => {
    const datasource = fakeSource();
    await setup({ namespaces: ['shop', 'jobs'] }, datasource);
    await userEvent.click(screen.getByLabelText(/^Executable/));
    expect(await screen.findByText('/usr/sbin/nginx')).toBeInTheDocument();
    expect(datasource.getProcesses).toHaveBeenCalledWith('(shop|jobs)');
    expect(namespacesRegex(['a.b'])).toBe('a\\.b');
    expect(namespacesRegex(['shop', '$namespace'])).toBeUndefined();
    expect(namespacesRegex([])).toBeUndefined();
  });

  it('clears the executable', async () => {
    const { last } = await setup({ exe: '.*nginx' });
    await userEvent.click(screen.getByLabelText(/^Executable/));
    await userEvent.keyboard('{Backspace}');
    expect(last()).toEqual({ ...BASE, exe: undefined });
  });

  it('flags an invalid regex', async () => {
    await setup({ cmdline: 'python(' });
    expect(screen.getByText('Not a valid regular expression')).toBeInTheDocument();
  });

  it('adds a typed namespace and runs the query', async () => {
    const { last, onRunQuery } = await setup();
    await userEvent.type(screen.getByLabelText('Namespaces'), 'batch{enter}');
    expect(last()).toEqual({ ...BASE, namespaces: ['batch'] });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('says why the query type is not available', async () => {
    await setup({}, fakeSource({ getExporters: jest.fn(() => Promise.resolve(DISCOVERY)) }));
    expect(screen.getByRole('alert', { name: 'Process power (Scaphandre) is not available' })).toBeInTheDocument();
    expect(screen.getByText('Needs Scaphandre, which was not found in Prometheus.')).toBeInTheDocument();
  });
});
