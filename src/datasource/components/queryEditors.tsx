/**
 * The editor of each query type: a Record over the ids of the definitions (src/shared/queryTypes), so
 * a query type without an editor, or with another type's, does not compile.
 */
import React from 'react';

import type { QueryOf, QueryType } from '../types';
import type { BillingEditorSource } from './BillingFields';
import { CloudEmissionsEditor } from './CloudEmissionsEditor';
import { CloudTrendEditor } from './CloudTrendEditor';
import { CarbonEfficiencyEditor } from './energy/CarbonEfficiencyEditor';
import { CostVsCarbonEditor } from './energy/CostVsCarbonEditor';
import { EnergyPerUnitEditor } from './energy/EnergyPerUnitEditor';
import type { EnergyEditorSource } from './energy/fields';
import { NamespaceEnergyEditor } from './energy/NamespaceEnergyEditor';
import { ProcessPowerEditor } from './energy/ProcessPowerEditor';
import { PromqlEnergyEditor } from './energy/PromqlEnergyEditor';
import { GridIntensityEditor, type RegionSource } from './GridIntensityEditor';
import { CloudRecommendationsEditor } from './recommendations/CloudRecommendationsEditor';
import type { RecommendationEditorSource } from './recommendations/fields';
import { ZombieInstancesEditor } from './recommendations/ZombieInstancesEditor';

/** What the editors together need from the datasource (CarbonDataSource has it all); each takes a part. */
export type EditorSource = RegionSource & BillingEditorSource & EnergyEditorSource & RecommendationEditorSource;

export interface EditorProps<Q> {
  query: Q;
  datasource: EditorSource;
  onChange: (query: Q) => void;
  onRunQuery: () => void;
}

export type EditorComponent<Q> = (props: EditorProps<Q>) => React.ReactElement | null;

export const QUERY_EDITORS: { [T in QueryType]: EditorComponent<QueryOf<T>> } = {
  gridIntensity: GridIntensityEditor,
  cloudEmissions: CloudEmissionsEditor,
  cloudTrend: CloudTrendEditor,
  namespaceEnergy: NamespaceEnergyEditor,
  processPower: ProcessPowerEditor,
  costVsCarbon: CostVsCarbonEditor,
  carbonEfficiency: CarbonEfficiencyEditor,
  energyPerUnit: EnergyPerUnitEditor,
  promqlEnergy: PromqlEnergyEditor,
  zombieInstances: ZombieInstancesEditor,
  cloudRecommendations: CloudRecommendationsEditor,
};

/** The editor of `type`, given a query of that type. */
export function QueryTypeEditor<T extends QueryType>({ type, ...props }: EditorProps<QueryOf<T>> & { type: T }) {
  const Editor: EditorComponent<QueryOf<T>> = QUERY_EDITORS[type];
  return <Editor {...props} />;
}
