/** What "Save & test" reports: whether the datasource can answer, and what it knows. */
import { countRegions } from '../../engine/gridIntensity';
import type { DataSourceSettings } from './settings';

export interface HealthResult {
  ok: boolean;
  message: string;
  details?: Record<string, unknown>;
}

export async function checkDataSourceHealth(_settings: DataSourceSettings): Promise<HealthResult> {
  const counts = countRegions();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) {
    return { ok: false, message: 'No cloud region data is bundled with this build: reinstall the plugin.' };
  }
  const perProvider = Object.entries(counts)
    .map(([provider, n]) => `${provider} ${n}`)
    .join(', ');
  return {
    ok: true,
    message: `GreenOps Carbon is working: grid carbon intensity for ${total} cloud regions (${perProvider}).`,
    details: { regions: counts },
  };
}
