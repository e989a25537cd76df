/**
 * One saving the cloudRecommendations query proposes (move a region's compute, resize an
 * instance), ranked by CO2e saved. Monthly figures: HOURS_PER_MONTH (engine/recommendations/month.ts).
 * Unknowns are null, never 0.
 */
import type {
  AssertTrue,
  RECOMMENDATION_TABLE_COLUMNS,
  RecommendationKind,
  RowMatchesColumns,
} from '../../../datasource/types';

export interface RecommendationRow {
  kind: RecommendationKind;
  provider: string;
  account: string;
  region: string;
  /** Region switch: the lowest-carbon region of the same geography; rightsizing: same as region. */
  targetRegion: string;
  /** Geography both regions belong to (`europe`, `north-america`...); '' for rightsizing. */
  geography: string;
  /** Resource: instance id for rightsizing, the service or instance family for region switch. */
  resourceId: string;
  /** Current instance type (rightsizing) or '' (region switch covers a region's whole compute). */
  instanceType: string;
  /** Rightsizing: the recommended instance type; region switch: ''. */
  targetInstanceType: string;
  currentMonthlyKWh: number;
  currentMonthlyKgCO2e: number;
  projectedMonthlyKWh: number;
  projectedMonthlyKgCO2e: number;
  monthlyKWhSaved: number;
  monthlyKgCO2eSaved: number;
  /** Negative when the change costs more; null when the price in the target is unknown. */
  monthlyCostSaved: number | null;
  currency: string;
  /** What to do, in a sentence. */
  action: string;
  /** How it was computed: formula, grid factors with source and year, prices used. */
  method: string;
}

/** Compile-time: RecommendationRow has exactly the cloudRecommendations table columns, of the same kinds. */
export type RecommendationRowMatchesColumns = AssertTrue<
  RowMatchesColumns<RecommendationRow, typeof RECOMMENDATION_TABLE_COLUMNS>
>;
