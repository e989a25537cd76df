import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input } from '@grafana/ui';

import { DEFAULT_TOP_N, MAX_TOP_N, processPower } from '../../../shared/queryTypes/processPower';
import { fieldError } from '../../fieldError';
import { anyOfRegex } from '../../regex';
import { ProcessPowerQuery } from '../../types';
import { AvailabilityHint } from './AvailabilityHint';
import { EnergyEditorProps, fieldIds, LABEL_WIDTH, orUndefined, RadioField, TextField, useQueryUpdate } from './fields';
import { QueryNamespacesField } from './NamespacesField';
import { RegexPickerField } from './RegexPickerField';

type Metric = ProcessPowerQuery['metric'];

const METRIC_OPTIONS: Array<SelectableValue<Metric>> = [
  { value: 'power', label: 'Power', description: 'Watts over time' },
  { value: 'energy', label: 'Energy', description: 'Joules and kWh over the time range' },
];

/** What the processPower schema refuses (the backend's own limit), said as the editor says it. */
const topNError = (topN: ProcessPowerQuery['topN']) =>
  fieldError(processPower, 'topN', topN, `Enter a whole number from 1 to ${MAX_TOP_N}`);

/** The query's namespaces as the processes route's regex; none (all processes) while a variable is among them. */
export function namespacesRegex(namespaces?: string[]): string | undefined {
  if (!namespaces?.length || namespaces.some((n) => n.includes('$'))) {
    return undefined;
  }
  return anyOfRegex(namespaces);
}

export function ProcessPowerEditor({ query, datasource, onChange, onRunQuery }: EnergyEditorProps<ProcessPowerQuery>) {
  const { update, edit, commit } = useQueryUpdate(query, onChange, onRunQuery);
  const id = fieldIds(query.refId);
  const nError = topNError(query.topN);
  const namespaces = namespacesRegex(query.namespaces);
  const loadProcesses = datasource.getProcesses ? () => datasource.getProcesses!(namespaces) : undefined;

  return (
    <>
      <AvailabilityHint queryType="processPower" datasource={datasource} />
      <InlineFieldRow>
        <RadioField<Metric>
          label="Metric"
          tooltip="Power: watts of each process, its host and the unattributed rest over time. Energy: joules and kWh over the range, with processes that never idle (energy leaks)."
          options={METRIC_OPTIONS}
          value={query.metric ?? 'power'}
          onChange={(metric) => update({ metric })}
        />
        <InlineField
          label="Top"
          labelWidth={LABEL_WIDTH}
          tooltip={`Only the processes that draw the most, 1 to ${MAX_TOP_N}; ${DEFAULT_TOP_N} when empty.`}
          invalid={Boolean(nError)}
          error={nError}
        >
          <Input
            id={id('top-n')}
            type="number"
            min={1}
            max={MAX_TOP_N}
            step={1}
            value={query.topN ?? ''}
            placeholder={String(DEFAULT_TOP_N)}
            width={12}
            onChange={(e) => {
              const raw = e.currentTarget.value;
              edit({ topN: raw === '' ? undefined : Number(raw) });
            }}
            // An out-of-range value would only come back as an error panel; it runs once corrected.
            onBlur={() => !nError && commit()}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <RegexPickerField
          label="Executable"
          tooltip="Regex on the exe label, matched in full: the full path in Scaphandre 1.x (/usr/bin/nginx), the short name in 0.5. All when empty. Pick a listed executable, or type a regex and press Enter."
          inputId={id('exe')}
          value={query.exe}
          placeholder=".*nginx.*"
          load={loadProcesses}
          loadKey={namespaces ?? ''}
          variables={datasource.getVariables?.()}
          noun="processes"
          onChange={(exe) => update({ exe })}
        />
        <TextField
          label="Command line"
          tooltip="Regex on the cmdline label, matched in full. Scaphandre joins the arguments without spaces: python3 -m http.server 8000 is /usr/bin/python3-mhttp.server8000. All when empty."
          inputId={id('cmdline')}
          value={query.cmdline}
          placeholder=".*http.server.*"
          regex
          onChange={(cmdline) => edit({ cmdline: orUndefined(cmdline) })}
          onBlur={commit}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <QueryNamespacesField
          query={query}
          datasource={datasource}
          tooltip="Needs Scaphandre with --containers; processes outside Kubernetes have no namespace and are left out once one is picked."
          update={update}
        />
      </InlineFieldRow>
    </>
  );
}
