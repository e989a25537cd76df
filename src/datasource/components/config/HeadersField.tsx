import React, { useState } from 'react';
import { Button, Field, InlineField, InlineFieldRow, Input } from '@grafana/ui';

import { headerNameError } from './prometheusSettings';

interface Row {
  name: string;
  value: string;
}

interface Props {
  headers?: Record<string, string>;
  /** `undefined` once no row has a name, so the key leaves the settings. */
  onChange: (headers: Record<string, string> | undefined) => void;
}

const toRecord = (rows: Row[]): Record<string, string> | undefined => {
  const named = rows.filter((r) => r.name.trim() !== '');
  return named.length > 0 ? Object.fromEntries(named.map((r) => [r.name.trim(), r.value])) : undefined;
};

/** Extra HTTP headers sent with every Prometheus request, such as X-Scope-OrgID for Mimir or Cortex tenants. */
export function HeadersField({ headers, onChange }: Props) {
  // Rows live here because blank ones (just added, not typed yet) must not reach jsonData.
  const [rows, setRows] = useState<Row[]>(() =>
    Object.entries(headers ?? {}).map(([name, value]) => ({ name, value }))
  );

  const setAll = (next: Row[]) => {
    setRows(next);
    const stored = toRecord(next);
    if (JSON.stringify(stored) !== JSON.stringify(headers && Object.keys(headers).length > 0 ? headers : undefined)) {
      onChange(stored);
    }
  };
  const setRow = (i: number, patch: Partial<Row>) => setAll(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <Field
      label="Custom HTTP headers"
      description="Sent with every request, such as X-Scope-OrgID for a Mimir tenant. Stored unencrypted."
    >
      <>
        {rows.map((row, i) => {
          const error = headerNameError(
            row.name,
            row.value,
            rows.slice(0, i).map((r) => r.name)
          );
          return (
            <InlineFieldRow key={i}>
              <InlineField label="Name" labelWidth={8} invalid={Boolean(error)} error={error}>
                <Input
                  aria-label={`Header ${i + 1} name`}
                  value={row.name}
                  placeholder="X-Scope-OrgID"
                  width={28}
                  onChange={(e) => setRow(i, { name: e.currentTarget.value })}
                />
              </InlineField>
              <InlineField label="Value" labelWidth={8}>
                <Input
                  aria-label={`Header ${i + 1} value`}
                  value={row.value}
                  width={36}
                  onChange={(e) => setRow(i, { value: e.currentTarget.value })}
                />
              </InlineField>
              <Button
                variant="secondary"
                icon="trash-alt"
                aria-label={`Remove header ${i + 1}`}
                onClick={() => setAll(rows.filter((_, j) => j !== i))}
              />
            </InlineFieldRow>
          );
        })}
        <Button variant="secondary" icon="plus" onClick={() => setAll([...rows, { name: '', value: '' }])}>
          Add header
        </Button>
      </>
    </Field>
  );
}
