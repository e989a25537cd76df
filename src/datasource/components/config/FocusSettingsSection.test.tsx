import React, { useState } from 'react';
import { DataSourceSettings } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { CarbonDataSourceOptions, CarbonSecureJsonData } from '../../types';
import { FocusSettingsSection } from './FocusSettingsSection';

type Options = DataSourceSettings<CarbonDataSourceOptions, CarbonSecureJsonData>;

/** Keeps the options in state as Grafana does, so typing accumulates like in the real settings page. */
function setup(jsonData: CarbonDataSourceOptions) {
  const onOptionsChange = jest.fn();
  function Harness() {
    const [options, setOptions] = useState({ id: 1, uid: 'carbon-uid', jsonData } as unknown as Options);
    const onChange = (next: Options) => {
      onOptionsChange(next);
      setOptions(next);
    };
    return <FocusSettingsSection options={options} onOptionsChange={onChange} />;
  }
  render(<Harness />);
  const last = (): Options => onOptionsChange.mock.calls[onOptionsChange.mock.calls.length - 1][0];
  return { onOptionsChange, last };
}

describe('FocusSettingsSection', () => {
  it('says which files it reads', () => {
    setup({});
    expect(screen.getByText(/readable by the Grafana server, as CSV, \.csv\.gz or\s+Parquet/)).toBeInTheDocument();
  });

  it('adds rows and stores the typed paths next to the other settings', async () => {
    const { onOptionsChange, last } = setup({ defaultProvider: 'gcp' });
    await userEvent.click(screen.getByRole('button', { name: 'Add path' }));
    // A blank row is not stored: the backend rejects empty paths.
    expect(onOptionsChange).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText('Path 1'), '/data/focus/');
    await userEvent.click(screen.getByRole('button', { name: 'Add path' }));
    await userEvent.type(screen.getByLabelText('Path 2'), '/data/2026-10.parquet');
    expect(last().jsonData).toEqual({
      defaultProvider: 'gcp',
      focus: { paths: ['/data/focus/', '/data/2026-10.parquet'] },
    });
  });

  it('removes a row, and the whole section once the last one goes', async () => {
    const { last } = setup({ focus: { paths: ['/a.csv', '/b.csv.gz'] } });
    expect(screen.getByLabelText('Path 2')).toHaveValue('/b.csv.gz');

    await userEvent.click(screen.getByRole('button', { name: 'Remove path 1' }));
    expect(last().jsonData).toEqual({ focus: { paths: ['/b.csv.gz'] } });
    expect(screen.getByLabelText('Path 1')).toHaveValue('/b.csv.gz');

    await userEvent.click(screen.getByRole('button', { name: 'Remove path 1' }));
    expect(last().jsonData).toEqual({});
    expect(screen.queryByLabelText('Path 1')).not.toBeInTheDocument();
  });

  it('flags relative paths and accepts absolute POSIX and Windows paths', () => {
    setup({ focus: { paths: ['exports/focus.csv', '/srv/focus', 'C:\\focus\\2026.parquet', '\\\\nas\\billing'] } });
    expect(screen.getAllByText(/Use an absolute path on the Grafana server/)).toHaveLength(1);
    expect(screen.getByLabelText('Path 1')).toHaveAttribute('aria-invalid', 'true');
  });

  it('stores the reader limits beside the paths, keeps them when paths change, and flags values the backend refuses', async () => {
    const { last } = setup({ focus: { paths: ['/data/focus'] } });
    await userEvent.type(screen.getByLabelText(/^Memory limit \(MB\)/), '1024');
    await userEvent.type(screen.getByLabelText(/^Reader threads/), '2');
    expect(last().jsonData).toEqual({ focus: { paths: ['/data/focus'], memoryLimitMB: 1024, threads: 2 } });

    await userEvent.click(screen.getByRole('button', { name: 'Add path' }));
    await userEvent.type(screen.getByLabelText('Path 2'), '/more');
    expect(last().jsonData).toEqual({ focus: { paths: ['/data/focus', '/more'], memoryLimitMB: 1024, threads: 2 } });

    await userEvent.clear(screen.getByLabelText(/^Reader threads/));
    expect(last().jsonData.focus).toEqual({ paths: ['/data/focus', '/more'], memoryLimitMB: 1024 });
  });

  it.each([
    [63, true],
    [64, false],
    [1_048_576, false],
    [1_048_577, true],
  ])('memory limit %d MB is flagged: %s', (memoryLimitMB, flagged) => {
    setup({ focus: { paths: ['/data/focus'], memoryLimitMB } });
    expect(screen.getByLabelText(/^Memory limit \(MB\)/)).toHaveAttribute('aria-invalid', String(flagged));
  });

  it('shows no limits before there is a path', () => {
    setup({});
    expect(screen.queryByLabelText(/^Memory limit \(MB\)/)).not.toBeInTheDocument();
  });
});
