import React from 'react';
import { InlineFieldRow } from '@grafana/ui';

import { CarbonEfficiencyQuery } from '../../types';
import { AvailabilityHint } from './AvailabilityHint';
import { EnergyEditorProps, useQueryUpdate } from './fields';
import { QueryNamespacesField } from './NamespacesField';
import { EnergyBoundaryField } from './EnergyBoundaryField';

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
        <QueryNamespacesField query={query} datasource={datasource} update={update} />
      </InlineFieldRow>
      <InlineFieldRow>
        <EnergyBoundaryField value={query.energyBoundary} onChange={(energyBoundary) => update({ energyBoundary })} />
      </InlineFieldRow>
    </>
  );
}
