import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { ZombieInstancesQuery } from '../../types';
import { pick } from '../energy/testUtils';
import { fakeSource, renderEditor } from './testUtils';
import { ZombieInstancesEditor } from './ZombieInstancesEditor';

const BASE: ZombieInstancesQuery = {
  refId: 'A',
  queryType: 'zombieInstances',
  methodology: 'greenops',
  format: 'table',
};

const setup = (query: Partial<ZombieInstancesQuery> = {}, datasource = fakeSource()) =>
  renderEditor(ZombieInstancesEditor, { ...BASE, ...query }, datasource);

describe('ZombieInstancesEditor', () => {
  it('renders a new query with every source, all kinds and the default thresholds as placeholders', async () => {
    await setup();
    expect(screen.getByText('Every configured source')).toBeInTheDocument();
    expect(screen.getByText('All kinds')).toBeInTheDocument();
    expect(screen.getByLabelText('Window (days)')).toHaveAttribute('placeholder', '14');
    expect(screen.getByLabelText('Peak CPU under %')).toHaveAttribute('placeholder', '5');
    expect(screen.getByLabelText('Network under MB/day')).toHaveAttribute('placeholder', '5');
    expect(screen.getByText('All namespaces')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'GreenOps (corrected)' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Table' })).toBeChecked();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it.each([
    ['a source', () => pick('Sources', 'Prometheus'), { sources: ['prometheus'] }],
    ['a kind', () => pick('Kinds', 'Unused volume'), { kinds: ['volume'] }],
    ['the format', () => userEvent.click(screen.getByRole('radio', { name: 'Summary' })), { format: 'summary' }],
    [
      'the methodology',
      () => userEvent.click(screen.getByRole('radio', { name: 'CCF (reproduce Cloud Carbon Footprint)' })),
      { methodology: 'ccf' },
    ],
  ])('picking %s updates the query and runs it', async (_name, change, patch) => {
    const { onChange, onRunQuery } = await setup();
    await change();
    expect(onChange).toHaveBeenLastCalledWith({ ...BASE, ...patch });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('adds a typed namespace and removes the sources field once the last source is removed', async () => {
    const { last } = await setup({ sources: ['awsCostExplorer'] });
    await userEvent.type(screen.getByLabelText(/Namespaces/), 'batch-.*{enter}');
    expect(last()).toEqual({ ...BASE, sources: ['awsCostExplorer'], namespaces: ['batch-.*'] });

    await userEvent.click(screen.getByLabelText('Sources'));
    await userEvent.keyboard('{Backspace}');
    expect(last()).toEqual({ ...BASE, namespaces: ['batch-.*'] });
  });

  it('flags a namespace that is not a valid regex and does not run it', async () => {
    const { last, onRunQuery } = await setup();
    await userEvent.type(screen.getByLabelText(/Namespaces/), 'batch-({enter}');
    expect(last()).toEqual({ ...BASE, namespaces: ['batch-('] });
    expect(screen.getByText('"batch-(" is not a valid regular expression')).toBeInTheDocument();
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('runs valid namespace regexes and variables (checked by the backend once interpolated)', async () => {
    const { last, onRunQuery } = await setup({ namespaces: ['batch-(a|b)'] });
    await userEvent.type(screen.getByLabelText(/Namespaces/), '$ns-({enter}');
    expect(last()).toEqual({ ...BASE, namespaces: ['batch-(a|b)', '$ns-('] });
    expect(screen.queryByText(/is not a valid regular expression/)).not.toBeInTheDocument();
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('types thresholds as numbers and runs the query once the field loses focus', async () => {
    const { last, onRunQuery } = await setup();
    await userEvent.type(screen.getByLabelText('Window (days)'), '30');
    await userEvent.type(screen.getByLabelText('Peak CPU under %'), '2.5');
    expect(onRunQuery).toHaveBeenCalledTimes(1); // the first field's blur
    await userEvent.type(screen.getByLabelText('Network under MB/day'), '0.5');
    await userEvent.tab();
    expect(last()).toEqual({ ...BASE, windowDays: 30, cpuPeakPercent: 2.5, networkMBPerDay: 0.5 });
    expect(onRunQuery).toHaveBeenCalledTimes(3);
  });

  it('clearing a threshold leaves it out of the query so the backend default applies', async () => {
    const { last } = await setup({ windowDays: 7 });
    await userEvent.clear(screen.getByLabelText('Window (days)'));
    expect(last()).toEqual({ ...BASE, windowDays: undefined });
    expect(JSON.parse(JSON.stringify(last()))).toEqual(BASE);
  });

  it.each([
    ['Window (days)', '0', 'Enter a whole number of days from 1 to 90'],
    ['Window (days)', '91', 'Enter a whole number of days from 1 to 90'],
    ['Window (days)', '1.5', 'Enter a whole number of days from 1 to 90'],
    ['Peak CPU under %', '0', 'Enter a percentage above 0 and at most 100'],
    ['Peak CPU under %', '101', 'Enter a percentage above 0 and at most 100'],
    ['Network under MB/day', '0', 'Enter a number of MB per day above 0'],
    ['Network under MB/day', '-1', 'Enter a number of MB per day above 0'],
  ])('%s = %s says what is allowed and does not run', async (label, value, message) => {
    const { onRunQuery } = await setup();
    await userEvent.type(screen.getByLabelText(label), value);
    await userEvent.tab();
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it.each([
    ['1', '1'],
    ['90', '90'],
  ])('accepts a window of %s days', async (value) => {
    const { onRunQuery } = await setup();
    await userEvent.type(screen.getByLabelText('Window (days)'), value);
    await userEvent.tab();
    expect(screen.queryByText(/Enter a whole number/)).not.toBeInTheDocument();
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('explains idle with the thresholds in force', async () => {
    await setup({ cpuPeakPercent: 3, windowDays: 30 });
    const idle = /peak CPU under 3 % .* network in \+ out under 5 MB per day, on every day of the last 30 days/;
    expect(screen.getByText(idle)).toBeInTheDocument();
  });

  it('names the settings to configure when a picked source is not set up', async () => {
    await setup({ sources: ['prometheus'] }, fakeSource({ aws: { authType: 'default' } }));
    expect(screen.getByText('Source not configured')).toBeInTheDocument();
    expect(screen.getByText(/Set up "Prometheus" in the data source settings/)).toBeInTheDocument();
  });

  it('says when no source for idle resources is configured', async () => {
    await setup({}, fakeSource({ focus: { paths: ['/data/focus'] } }));
    expect(screen.getByText('No source for idle resources')).toBeInTheDocument();
    expect(screen.getByText(/Set up "AWS Cost Explorer" or "Prometheus"/)).toBeInTheDocument();
  });
});
