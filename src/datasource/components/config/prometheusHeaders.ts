/**
 * Custom Prometheus headers as Grafana's HTTP datasources keep them: names in jsonData.httpHeaderNameN,
 * values in the secure httpHeaderValueN. The first settings shape kept them whole in the plain
 * jsonData.prometheus.headers; `migrateHeaders` moves those (their values are known) to the secure
 * keys, so Save stores the current shape.
 */
import type { CarbonDataSourceOptions } from '../../types';
import type { Options } from './settingsOptions';

const NAME = /^httpHeaderName(\d+)$/;
const nameKey = (n: number) => `httpHeaderName${n}`;
const valueKey = (n: number) => `httpHeaderValue${n}`;

export interface StoredHeader {
  name: string;
  configured: boolean;
}

export interface EditedHeader extends StoredHeader {
  value: string;
}

/** The header indices in jsonData, in order. */
function indicesOf(jsonData: CarbonDataSourceOptions): number[] {
  return Object.keys(jsonData)
    .map((key) => NAME.exec(key)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

const nameAt = (jsonData: CarbonDataSourceOptions, n: number): string => {
  const value: unknown = Object.entries(jsonData).find(([key]) => key === nameKey(n))?.[1];
  return typeof value === 'string' ? value : '';
};

export function storedHeaders(options: Options): StoredHeader[] {
  return indicesOf(options.jsonData).map((n) => ({
    name: nameAt(options.jsonData, n),
    configured: Boolean(options.secureJsonFields?.[valueKey(n)]),
  }));
}

/**
 * `options` with the headers of the list, numbered from 1. A saved value cannot move to another
 * number (Grafana never sends it back): a configured header that moved is asked for again, and the
 * numbers no longer used are cleared so no stale secret is sent.
 */
export function withHeaders(options: Options, headers: EditedHeader[]): Options {
  const before = indicesOf(options.jsonData);
  const savedAt = new Map(storedHeaders(options).map((h, i) => [h.name, h.configured ? before[i] : undefined]));
  const jsonData = Object.fromEntries(Object.entries(options.jsonData).filter(([key]) => !NAME.test(key)));
  const secureJsonData: Record<string, string> = { ...options.secureJsonData };
  const secureJsonFields: Record<string, boolean> = { ...options.secureJsonFields };
  const used = new Set<number>();
  headers.forEach((header, i) => {
    const n = i + 1;
    used.add(n);
    jsonData[nameKey(n)] = header.name;
    if (header.configured && savedAt.get(header.name) === n) {
      secureJsonFields[valueKey(n)] = true;
      delete secureJsonData[valueKey(n)];
    } else {
      secureJsonFields[valueKey(n)] = false;
      secureJsonData[valueKey(n)] = header.configured ? '' : header.value;
    }
  });
  for (const n of before.filter((m) => !used.has(m))) {
    secureJsonFields[valueKey(n)] = false;
    secureJsonData[valueKey(n)] = '';
  }
  return { ...options, jsonData, secureJsonData, secureJsonFields };
}

/** `options` with the plain first-shape headers moved to the secure keys; unchanged when there are none. */
export function migrateHeaders(options: Options): Options {
  const plain = options.jsonData.prometheus?.headers;
  if (!plain) {
    return options;
  }
  const prometheus = { ...options.jsonData.prometheus! };
  delete prometheus.headers;
  const moved: Options = { ...options, jsonData: { ...options.jsonData, prometheus } };
  const kept: EditedHeader[] = storedHeaders(options).map((h) => ({ ...h, value: '' }));
  const names = new Set(kept.map((h) => h.name.toLowerCase()));
  const added = Object.entries(plain)
    .filter(([name]) => !names.has(name.toLowerCase()))
    .map(([name, value]) => ({ name, value, configured: false }));
  return withHeaders(moved, [...kept, ...added]);
}
