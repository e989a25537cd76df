import React from 'react';

import type { CarbonQuery } from '../../types';
import { CarbonEfficiencyEditor } from './CarbonEfficiencyEditor';
import { CostVsCarbonEditor } from './CostVsCarbonEditor';
import { EnergyPerUnitEditor } from './EnergyPerUnitEditor';
import { EnergyEditorSource } from './fields';
import { NamespaceEnergyEditor } from './NamespaceEnergyEditor';
import { ProcessPowerEditor } from './ProcessPowerEditor';
import { PromqlEnergyEditor } from './PromqlEnergyEditor';

interface Props {
  query: CarbonQuery;
  datasource: EnergyEditorSource;
  onChange: (query: CarbonQuery) => void;
  onRunQuery: () => void;
}

/** The editor of a Prometheus query type; null for the other query types. */
export function EnergyQueryEditor({ query, ...props }: Props) {
  switch (query.queryType) {
    case 'namespaceEnergy':
      return <NamespaceEnergyEditor {...props} query={query} />;
    case 'processPower':
      return <ProcessPowerEditor {...props} query={query} />;
    case 'costVsCarbon':
      return <CostVsCarbonEditor {...props} query={query} />;
    case 'carbonEfficiency':
      return <CarbonEfficiencyEditor {...props} query={query} />;
    case 'energyPerUnit':
      return <EnergyPerUnitEditor {...props} query={query} />;
    case 'promqlEnergy':
      return <PromqlEnergyEditor {...props} query={query} />;
    default:
      return null;
  }
}
