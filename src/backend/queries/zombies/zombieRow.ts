/**
 * One idle resource found by any source (Cost Explorer rightsizing, Prometheus metrics), in the
 * shape the zombieInstances frames and the app's Recommendations page show. Values a source cannot
 * know are null, never 0, so "no evidence" never reads as "idle".
 */
import type {
  AssertTrue,
  RowMatchesColumns,
  ZOMBIE_TABLE_COLUMNS,
  ZombieKind,
  ZombieSource,
} from '../../../datasource/types';
import type { FrameNotice } from '../../frames/frame';

export interface ZombieRow {
  kind: ZombieKind;
  source: ZombieSource;
  /** `aws`, `gcp`, `azure`, or '' when unknown (a bare-metal host). */
  provider: string;
  /** Cloud account id; '' when unknown. */
  account: string;
  /** Provider region id (`eu-west-1`); '' when unknown. */
  region: string;
  /** Stable id: instance id, node name, `namespace/workload`, volume name. */
  resourceId: string;
  /** What a person calls it: the Name tag, node name, workload name. */
  name: string;
  instanceType: string;
  cluster: string;
  namespace: string;
  /** Owner workload (Deployment, StatefulSet, CronJob...) or the pod when it has none. */
  workload: string;
  /** Peak CPU over the window, percent of the instance's cores or of the workload's request. */
  peakCpuPercent: number | null;
  avgCpuPercent: number | null;
  /** Network in + out, bytes per day averaged over the window. */
  networkBytesPerDay: number | null;
  /** Length of the evidence window. */
  windowDays: number;
  /** Whole days at the end of the window during which it was idle; null when the source cannot tell. */
  idleDays: number | null;
  monthlyCost: number | null;
  /** ISO 4217 code of monthlyCost ('' when there is no cost). */
  currency: string;
  monthlyKWh: number | null;
  monthlyKgCO2e: number | null;
  monthlyKgCO2eLow: number | null;
  monthlyKgCO2eHigh: number | null;
  /** Energy and CO2e used inside the window (terminated workloads, from Prometheus); absent elsewhere. */
  windowKWh?: number | null;
  windowKgCO2e?: number | null;
  /** What to do, in a sentence ("Terminate i-0abc... (idle 14 days)"). */
  action: string;
  /** How the numbers were computed, in a sentence (source, formula, assumptions). */
  method: string;
}

/** Compile-time: ZombieRow has exactly the columns of the zombieInstances table frame, of the same kinds. */
export type ZombieRowMatchesColumns = AssertTrue<RowMatchesColumns<ZombieRow, typeof ZOMBIE_TABLE_COLUMNS>>;

/** What one source contributes to a zombieInstances query. */
export interface ZombieFindings {
  rows: ZombieRow[];
  notices: FrameNotice[];
  /** Queries sent (PromQL, or a description of API calls), for executedQueryString. */
  executed: string[];
}
