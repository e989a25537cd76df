/**
 * The datasource's settings as query modules see them, independent of how Grafana transports
 * them. Secrets live in a holder that never serialises or prints its values.
 */
import { inspect } from 'node:util';
import type { CarbonDataSourceOptions } from '../../datasource/types';
import type { AwsAuthPolicy } from './awsAuthPolicy';

export class Secrets {
  readonly #values: ReadonlyMap<string, string>;

  constructor(values: Record<string, string> = {}) {
    this.#values = new Map(Object.entries(values));
  }

  get(key: string): string | undefined {
    return this.#values.get(key);
  }

  has(key: string): boolean {
    return (this.#values.get(key) ?? '') !== '';
  }

  /** Names only, for diagnostics. */
  keys(): string[] {
    return [...this.#values.keys()];
  }

  toJSON(): string {
    return '[redacted]';
  }

  toString(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return 'Secrets([redacted])';
  }
}

export interface DataSourceSettings {
  uid: string;
  name: string;
  jsonData: CarbonDataSourceOptions;
  secrets: Secrets;
  lastUpdatedMS: number;
  /** What the Grafana server allows AWS datasources; its defaults when absent. */
  awsPolicy?: AwsAuthPolicy;
}

export const EMPTY_SETTINGS: DataSourceSettings = {
  uid: '',
  name: '',
  jsonData: {},
  secrets: new Secrets(),
  lastUpdatedMS: 0,
};
