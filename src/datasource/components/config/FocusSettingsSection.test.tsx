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
});
