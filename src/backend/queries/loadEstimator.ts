/**
 * The billing engine's coefficient tables (instance types, power curves, CCF constants) weigh
 * ~15 MB in memory; they load with the first billing query, not at start-up, so a datasource that
 * only serves other query types stays small.
 */
import type { estimateUsage } from '../../engine/estimate';

export async function loadEstimator(): Promise<typeof estimateUsage> {
  return (await import('../../engine/estimate')).estimateUsage;
}
