import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineFieldRow } from '@grafana/ui';

import { energyPerUnit } from '../../../shared/queryTypes/energyPerUnit';
import { fieldError } from '../../fieldError';
import type { IdlePowerMode } from '../../../shared/vocabulary';
import { EnergyPerUnitQuery, EnergyScope } from '../../types';
import { AvailabilityHint } from './AvailabilityHint';
import type { ListedOption } from '../../resources';
import {
  EnergyEditorProps,
  EnergyEditorSource,
  fieldIds,
  orUndefined,
  PromQLField,
  RadioField,
  requiredMessage,
  TextField,
  useQueryUpdate,
} from './fields';
import { RegexPickerField } from './RegexPickerField';
import { EnergyBoundaryField } from './EnergyBoundaryField';

const SCOPE_OPTIONS: Array<SelectableValue<EnergyScope>> = [
  { value: 'namespace', label: 'Namespace' },
  { value: 'pod', label: 'Pod' },
  { value: 'process', label: 'Process', description: 'Scaphandre processes, by executable' },
  { value: 'node', label: 'Node' },
];

/** What the selector regex is matched against, per scope. */
const SELECTOR_TARGET: Record<EnergyScope, { what: string; example: string }> = {
  namespace: { what: 'namespace name', example: 'shop|checkout' },
  pod: { what: 'pod name', example: 'api-.*' },
  process: { what: 'executable path (exe label)', example: '.*/server' },
  node: { what: 'node name', example: 'worker-.*' },
};

/** The names the selector can pick from, per scope; pods are too many to list, so they are typed. */
function scopeNames(
  ds: EnergyEditorSource,
  scope: EnergyScope
): (() => Promise<Array<ListedOption | string>>) | undefined {
  switch (scope) {
    case 'namespace':
      return ds.getNamespaces && (() => ds.getNamespaces!());
    case 'node':
      return ds.getNodes && (() => ds.getNodes!());
    case 'process':
      return ds.getProcesses && (() => ds.getProcesses!());
    default:
      return undefined;
  }
}

/** 'auto' is stored as no idlePower: by request with kube-state-metrics, else by usage. */
type IdleChoice = IdlePowerMode | 'auto';
const IDLE_OPTIONS: Array<SelectableValue<IdleChoice>> = [
  { value: 'auto', label: 'Auto', description: 'By CPU request with kube-state-metrics, else by CPU usage' },
  { value: 'byRequest', label: 'Share by CPU request' },
  { value: 'byUsage', label: 'Share by CPU usage' },
  { value: 'exclude', label: 'Exclude' },
];
export const SCI_IDLE_TOOLTIP =
  "SCI's energy E counts the hardware reserved for the software, idle included: each node's idle energy " +
  'is shared among its namespaces and pods by CPU requested or used (the same share divides its embodied ' +
  'emissions, M). Exclude keeps only the energy the exporter attributes to the pods.';

const UNIT_QUERY_TOOLTIP =
  'PromQL counter of units of work over the same workload, such as sum(http_requests_total{job="api"}). Its ' +
  'increase over each interval divides the energy of the scope. Shift+Enter runs the query.';

/** Energy of a scope divided by a user counter: J, gCO2e and SCI per request, token or job. */
export function EnergyPerUnitEditor({
  query,
  datasource,
  onChange,
  onRunQuery,
}: EnergyEditorProps<EnergyPerUnitQuery>) {
  const { update, edit, commit } = useQueryUpdate(query, onChange, onRunQuery);
  const scope = query.scope ?? 'namespace';
  const target = SELECTOR_TARGET[scope] ?? SELECTOR_TARGET.namespace;
  const id = fieldIds(query.refId);

  return (
    <>
      <AvailabilityHint queryType="energyPerUnit" datasource={datasource} />
      <InlineFieldRow>
        <RadioField<EnergyScope>
          label="Scope"
          tooltip="Whose energy is divided by the units of work"
          options={SCOPE_OPTIONS}
          value={scope}
          onChange={(s) => update({ scope: s })}
        />
        <RegexPickerField
          label="Selector"
          tooltip={`Regex on the ${target.what}, matched in full; .* for all. Pick a listed name, or type a regex and press Enter.`}
          inputId={id('selector')}
          value={query.selector}
          placeholder={target.example}
          load={scopeNames(datasource, scope)}
          loadKey={scope}
          variables={datasource.getVariables?.()}
          noun={`${scope}s`}
          onChange={(selector) => update({ selector: selector ?? '' })}
        />
      </InlineFieldRow>
      {(scope === 'namespace' || scope === 'pod') && (
        <InlineFieldRow>
          <RadioField<IdleChoice>
            label="Idle energy"
            tooltip={SCI_IDLE_TOOLTIP}
            options={IDLE_OPTIONS}
            value={query.idlePower ?? 'auto'}
            onChange={(choice) => update({ idlePower: choice === 'auto' ? undefined : choice })}
          />
        </InlineFieldRow>
      )}
      <InlineFieldRow>
        <PromQLField
          label="Units of work"
          tooltip={UNIT_QUERY_TOOLTIP}
          inputId={id('unit-query')}
          value={query.unitQuery}
          placeholder='sum(http_requests_total{job="api"})'
          error={fieldError(energyPerUnit, 'unitQuery', query.unitQuery ?? '', requiredMessage)}
          onChange={(unitQuery) => edit({ unitQuery })}
          onCommit={commit}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <TextField
          label="Unit name"
          tooltip='What one unit is called, used in field names and units ("J per request")'
          inputId={id('unit-name')}
          value={query.unitName}
          placeholder="request"
          width={24}
          onChange={(unitName) => edit({ unitName: orUndefined(unitName) })}
          onBlur={commit}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <EnergyBoundaryField value={query.energyBoundary} onChange={(energyBoundary) => update({ energyBoundary })} />
      </InlineFieldRow>
    </>
  );
}
