import React from 'react';
import { DataSourceInstanceSettings } from '@grafana/data';
import { Combobox, InlineField } from '@grafana/ui';

interface Props {
  inputId: string;
  dataSources: Array<Pick<DataSourceInstanceSettings, 'uid' | 'name'>>;
  value: string;
  onChange: (uid: string) => void;
}

/** Picks one of the app's datasources; shown only when there is a choice. */
export function DatasourceSelect({ inputId, dataSources, value, onChange }: Props) {
  if (dataSources.length < 2) {
    return null;
  }
  return (
    <InlineField label="Data source" labelWidth={14}>
      <Combobox<string>
        id={inputId}
        options={dataSources.map((d) => ({ value: d.uid, label: d.name }))}
        value={value}
        width={32}
        onChange={(o) => onChange(o.value)}
      />
    </InlineField>
  );
}
