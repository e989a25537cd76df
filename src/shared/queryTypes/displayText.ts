/**
 * Pieces of the one-line display texts ("Cloud emissions · FOCUS · co2e by service · daily"). Every
 * piece copes with a missing value: queries saved by hand or by older versions may lack fields.
 */
import type { BillingSource } from '../vocabulary';

export const SEP = ' · ';
/** Long PromQL and regexes are cut here: the line is a reminder, the query itself is one click away. */
const MAX_EXPRESSION = 60;

const SOURCE_NAMES: Record<BillingSource, string> = { awsCostExplorer: 'AWS Cost Explorer', focus: 'FOCUS' };

export const list = (values?: readonly string[]) => (values ?? []).filter((v) => v !== '').join(', ');
export const join = (...parts: Array<string | undefined | false>) =>
  parts.filter((p): p is string => Boolean(p)).join(SEP);
export const sourceName = (source?: string) => (source ? (SOURCE_NAMES[source as BillingSource] ?? source) : undefined);
export const methodologyText = (m?: string) => (m === 'ccf' ? 'CCF method' : undefined);
/** The default (location) goes unsaid, as the default methodology does. */
export const basisText = (basis?: string) => (basis === 'market' ? 'market basis' : undefined);
export const namespacesText = (ns?: string[]) => (ns?.length ? `namespaces ${list(ns)}` : undefined);

export function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_EXPRESSION ? `${flat.slice(0, MAX_EXPRESSION - 1)}…` : flat;
}

export function filtersText(f?: { regions?: string[]; services?: string[]; accounts?: string[] }): string | undefined {
  const part = (name: string, values?: string[]) => (values?.length ? `${name} ${list(values)}` : undefined);
  return join(part('regions', f?.regions), part('services', f?.services), part('accounts', f?.accounts)) || undefined;
}
