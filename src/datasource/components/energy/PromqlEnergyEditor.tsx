import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Select } from '@grafana/ui';

import { promqlEnergy } from '../../../shared/queryTypes/promqlEnergy';
import { fieldError } from '../../fieldError';
import { PromqlEnergyQuery, PromqlEnergyUnit } from '../../types';
import { ProviderField } from '../GridIntensityEditor';
import { variableOptions } from '../variableOptions';
import { AvailabilityHint } from './AvailabilityHint';
import { EnergyEditorProps, fieldIds, LABEL_WIDTH, PromQLField, requiredMessage, useQueryUpdate } from './fields';
import { useLazyOptions } from './useLazyOptions';

const UNIT_OPTIONS: Array<SelectableValue<PromqlEnergyUnit>> = [
  {
    value: 'watts',
    label: 'Watts',
    description: 'Power in W; each step counts for the step ending at it (energy = value × step)',
  },
  {
    value: 'joules',
    label: 'Joules',
    description: 'A cumulative energy counter in J (e.g. kepler_node_cpu_joules_total), without increase() or rate()',
  },
  {
    value: 'microwatts',
    label: 'Microwatts',
    description: 'Power in µW, as Scaphandre reports it (scaph_host_power_microwatts)',
  },
  {
    value: 'microjoules',
    label: 'Microjoules',
    description: 'A cumulative energy counter in µJ (e.g. scaph_host_energy_microjoules)',
  },
];

const EXPR_TOOLTIP =
  'Any PromQL whose result is power or energy, such as sum(scaph_host_power_microwatts). Each series is converted ' +
  'to energy and CO2e. Shift+Enter runs the query.';

/** The escape hatch: the user's PromQL, declared as power or energy, converted to energy and CO2e. */
export function PromqlEnergyEditor({ query, datasource, onChange, onRunQuery }: EnergyEditorProps<PromqlEnergyQuery>) {
  const { update, edit, commit } = useQueryUpdate(query, onChange, onRunQuery);
  const id = fieldIds(query.refId);
  const getRegions = datasource.getRegions?.bind(datasource);
  const load = getRegions
    ? () => getRegions(query.provider).then((rs) => Array.from(new Set(rs.map((r) => r.region))))
    : undefined;
  const regions = useLazyOptions(load, query.provider ?? '');
  const variables = variableOptions(datasource.getVariables?.());
  const regionOptions = [...variables, ...regions.values.map((r) => ({ value: r, label: r }))];

  return (
    <>
      <AvailabilityHint queryType="promqlEnergy" datasource={datasource} />
      <InlineFieldRow>
        <PromQLField
          label="PromQL"
          tooltip={EXPR_TOOLTIP}
          inputId={id('expr')}
          value={query.expr}
          placeholder="sum by (instance) (scaph_host_power_microwatts)"
          error={fieldError(promqlEnergy, 'expr', query.expr ?? '', requiredMessage)}
          onChange={(expr) => edit({ expr })}
          onCommit={commit}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label="Unit" labelWidth={LABEL_WIDTH} tooltip="What the expression returns">
          <Select<PromqlEnergyUnit>
            inputId={id('unit')}
            options={UNIT_OPTIONS}
            value={query.unit ?? 'watts'}
            width={20}
            onChange={(o: SelectableValue<PromqlEnergyUnit>) => o.value && update({ unit: o.value })}
          />
        </InlineField>
        <ProviderField inputId={id('provider')} value={query.provider} onChange={(provider) => update({ provider })} />
        <InlineField
          label="Region"
          labelWidth={LABEL_WIDTH}
          tooltip="Cloud region or grid zone whose carbon intensity applies. The data source's default region when empty."
        >
          <Select<string>
            inputId={id('region')}
            options={regionOptions}
            value={query.region ? { value: query.region, label: query.region } : null}
            allowCustomValue
            isClearable
            isLoading={regions.loading}
            onOpenMenu={regions.open}
            placeholder="Default region"
            width={28}
            onChange={(o: SelectableValue<string> | null) => update({ region: o?.value || undefined })}
          />
        </InlineField>
      </InlineFieldRow>
    </>
  );
}
