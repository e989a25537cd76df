import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineFieldRow } from '@grafana/ui';

import { CostCarbonGroupBy, CostVsCarbonQuery } from '../../types';
import { AvailabilityHint } from './AvailabilityHint';
import { EnergyEditorProps, RadioField, useQueryUpdate } from './fields';
import { QueryNamespacesField } from './NamespacesField';
import { EnergyBoundaryField } from './EnergyBoundaryField';

const GROUP_BY_OPTIONS: Array<SelectableValue<CostCarbonGroupBy>> = [
  { value: 'namespace', label: 'Namespace' },
  { value: 'node', label: 'Node' },
  { value: 'region', label: 'Region' },
];

/** Cost from OpenCost next to measured CO2e; the shares and divergence follow from the grouping. */
export function CostVsCarbonEditor({ query, datasource, onChange, onRunQuery }: EnergyEditorProps<CostVsCarbonQuery>) {
  const { update } = useQueryUpdate(query, onChange, onRunQuery);
  return (
    <>
      <AvailabilityHint queryType="costVsCarbon" datasource={datasource} />
      <InlineFieldRow>
        <RadioField<CostCarbonGroupBy>
          label="Group by"
          tooltip="Each group's share of the cost against its share of the CO2e: a group with a much larger share of carbon than of cost is cheap but carbon-heavy."
          options={GROUP_BY_OPTIONS}
          value={query.groupBy ?? 'namespace'}
          onChange={(groupBy) => update({ groupBy })}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <QueryNamespacesField query={query} datasource={datasource} update={update} />
      </InlineFieldRow>
      <InlineFieldRow>
        <EnergyBoundaryField value={query.energyBoundary} onChange={(energyBoundary) => update({ energyBoundary })} />
      </InlineFieldRow>
    </>
  );
}
