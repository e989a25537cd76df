/** What the defaults and editors need to know of the datasource settings. */
import type { BillingSource } from '../vocabulary';
import type { SettingsSummary } from './definition';

/** The configured source; Cost Explorer first because it needs no export pipeline. */
export function defaultBillingSource(settings: SettingsSummary): BillingSource {
  return settings.billingSources.awsCostExplorer ? 'awsCostExplorer' : 'focus';
}
