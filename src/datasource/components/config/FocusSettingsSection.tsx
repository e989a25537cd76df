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

type LimitKey = 'memoryLimitMB' | 'threads';

const wholeIn = (min: number, max: number, unit: string) => (value: number) =>
  Number.isInteger(value) && value >= min && value <= max ? undefined : `A whole number from ${min} to ${max}${unit}`;

/** The reader's limits, with the bounds the backend checks (protocol/settings.ts). */
const LIMITS: Array<{
  key: LimitKey;
  label: string;
  description: string;
  placeholder: string;
  error: (value: number) => string | undefined;
}> = [
  {
    key: 'memoryLimitMB',
    label: 'Memory limit (MB)',
    description: 'Memory the export reader (DuckDB) may use; beyond it, it spills to a temporary folder. Default 512.',
    placeholder: '512',
    error: wholeIn(64, 1_048_576, ' MB'),
  },
  {
    key: 'threads',
    label: 'Reader threads',
    description: 'Threads the export reader may use. Default: the server’s cores, at most 4.',
    placeholder: 'cores, at most 4',
    error: wholeIn(1, 256, ''),
  },
];

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
    const { focus: previous, ...rest } = jsonData;
    // No paths means FOCUS is not configured, so the key goes rather than an empty list.
    onOptionsChange({ ...options, jsonData: kept.length > 0 ? { ...rest, focus: { ...previous, paths: kept } } : rest });
  };

  // Limits are kept only beside paths; an empty box means the backend's default.
  const setLimit = (key: LimitKey, text: string) => {
    const { [key]: _old, ...focus } = jsonData.focus ?? { paths: [] };
    const value = Number(text);
    const next = text.trim() !== '' && Number.isFinite(value) ? { ...focus, [key]: value } : focus;
    onOptionsChange({ ...options, jsonData: { ...jsonData, focus: next } });
  };

  return (
    <FieldSet label="FOCUS exports">
      <p>
        Billing exports in the FinOps FOCUS format: files or folders readable by the Grafana server, as CSV, .csv.gz or
        Parquet. Folders are read with every export file they contain; a path may be a pattern such as
        /data/focus/**/*.parquet. Folders named billing_period=YYYY-MM (as AWS Data Exports write them) that end before a
        query’s range are not read.
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
      {paths.length > 0 &&
        LIMITS.map((limit) => {
          const value = jsonData.focus?.[limit.key];
          const error = value === undefined ? undefined : limit.error(value);
          return (
            <Field
              key={limit.key}
              label={limit.label}
              description={limit.description}
              invalid={Boolean(error)}
              error={error}
            >
              <Input
                id={`carbon-focus-${limit.key}`}
                type="number"
                width={16}
                placeholder={limit.placeholder}
                value={value ?? ''}
                onChange={(e) => setLimit(limit.key, e.currentTarget.value)}
              />
            </Field>
          );
        })}
    </FieldSet>
  );
}
