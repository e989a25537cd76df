import React from 'react';
import { InlineFieldRow } from '@grafana/ui';

import { CarbonEfficiencyQuery } from '../../types';
import { AvailabilityHint } from './AvailabilityHint';
import { EnergyEditorProps, useQueryUpdate } from './fields';
import { NamespacesField } from './NamespacesField';

/** CPU used over requested per namespace; kube-state-metrics and cAdvisor supply both sides. */
export function CarbonEfficiencyEditor({
  query,
  datasource,
  onChange,
  onRunQuery,
}: EnergyEditorProps<CarbonEfficiencyQuery>) {
  const { update } = useQueryUpdate(query, onChange, onRunQuery);
  return (
    <>
      <AvailabilityHint queryType="carbonEfficiency" datasource={datasource} />
      <InlineFieldRow>
        <NamespacesField
          inputId={`carbon-namespaces-${query.refId}`}
          value={query.namespaces}
          datasource={datasource}
          onChange={(namespaces) => update({ namespaces })}
        />
      </InlineFieldRow>
    </>
  );
}
