import React, { useState } from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Button, Field, FieldSet, Input } from '@grafana/ui';

import { CarbonDataSourceOptions, CarbonSecureJsonData } from '../../types';

type Props = DataSourcePluginOptionsEditorProps<CarbonDataSourceOptions, CarbonSecureJsonData>;

// POSIX (/data), Windows drive (C:\data, C:/data) or UNC (\\server\share): the backend may run on either.
const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

/** Relative paths would resolve against the Grafana server's working directory, which nobody can rely on. */
export function pathError(path: string): string | undefined {
  return path.trim() && !ABSOLUTE_PATH.test(path.trim())
    ? 'Use an absolute path on the Grafana server, such as /var/lib/focus'
    : undefined;
}

export function FocusSettingsSection({ options, onOptionsChange }: Props) {
  const jsonData = options.jsonData ?? {};
  // Rows live here because blank ones (just added, not typed yet) must not reach jsonData:
  // the backend rejects settings with an empty path.
  const [paths, setRows] = useState<string[]>(() => jsonData.focus?.paths ?? []);

  const setPaths = (next: string[]) => {
    setRows(next);
    const kept = next.filter((p) => p.trim() !== '');
    if (JSON.stringify(kept) === JSON.stringify(jsonData.focus?.paths ?? [])) {
      return;
    }
    const { focus: _previous, ...rest } = jsonData;
    // No paths means FOCUS is not configured, so the key goes rather than an empty list.
    onOptionsChange({ ...options, jsonData: kept.length > 0 ? { ...rest, focus: { paths: kept } } : rest });
  };

  return (
    <FieldSet label="FOCUS exports">
      <p>
        Billing exports in the FinOps FOCUS format: files or folders readable by the Grafana server, as CSV, .csv.gz or
        Parquet. Folders are read with every export file they contain.
      </p>
      {paths.map((path, i) => {
        const error = pathError(path);
        return (
          <Field key={i} label={`Path ${i + 1}`} invalid={Boolean(error)} error={error}>
            <Input
              id={`carbon-focus-path-${i}`}
              value={path}
              placeholder="/var/lib/grafana/focus/"
              width={64}
              onChange={(e) => setPaths(paths.map((p, j) => (j === i ? e.currentTarget.value : p)))}
              addonAfter={
                <Button
                  variant="secondary"
                  icon="trash-alt"
                  aria-label={`Remove path ${i + 1}`}
                  onClick={() => setPaths(paths.filter((_, j) => j !== i))}
                />
              }
            />
          </Field>
        );
      })}
      <Button variant="secondary" icon="plus" onClick={() => setPaths([...paths, ''])}>
        Add path
      </Button>
    </FieldSet>
  );
}
