import type { DataSourceSettings } from '@grafana/data';

import type { CarbonDataSourceOptions, CarbonSecureJsonData } from '../../types';

export type Options = DataSourceSettings<CarbonDataSourceOptions, CarbonSecureJsonData>;
export type SecretKey = keyof CarbonSecureJsonData;

/** Secrets only go up: Grafana never sends them back, it only flags them in secureJsonFields. */
export const withSecret = (options: Options, key: SecretKey, value: string): Options => ({
  ...options,
  secureJsonData: { ...options.secureJsonData, [key]: value },
});

export const withoutSecret = (options: Options, key: SecretKey): Options => ({
  ...options,
  secureJsonFields: { ...options.secureJsonFields, [key]: false },
  secureJsonData: { ...options.secureJsonData, [key]: '' },
});

type SectionKey = 'aws' | 'prometheus';

/**
 * One optional block of jsonData: `set` adds or removes it whole, `update` patches it. Cleared fields (undefined
 * or '') are removed rather than stored empty, so the backend applies its defaults; those in `keep` stay.
 */
export function settingsSection<K extends SectionKey>(
  options: Options,
  onOptionsChange: (options: Options) => void,
  key: K,
  keep: string[] = []
) {
  type Settings = NonNullable<CarbonDataSourceOptions[K]>;
  const jsonData = options.jsonData ?? {};
  const set = (next?: Settings) => {
    const rest: CarbonDataSourceOptions = { ...jsonData };
    delete rest[key];
    onOptionsChange({ ...options, jsonData: next ? { ...rest, [key]: next } : rest });
  };
  const update = (patch: Partial<Settings>) => {
    const next: Record<string, unknown> = { ...jsonData[key], ...patch };
    Object.keys(patch).forEach((k) => !keep.includes(k) && (next[k] === undefined || next[k] === '') && delete next[k]);
    set(next as unknown as Settings);
  };
  return { settings: jsonData[key], set, update };
}
