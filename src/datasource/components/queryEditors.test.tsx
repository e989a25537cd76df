/**
 * The editor dispatch: every query type opens its own editor (QUERY_EDITORS, a Record over the
 * definitions), and a type this frontend does not know opens none.
 */
import React from 'react';
import { CoreApp } from '@grafana/data';
import { render, screen } from '@testing-library/react';

import { QUERY_TYPE_DEFINITIONS, QUERY_TYPES, type QueryType } from '../../shared/queryTypes';
import { summariseSettings } from '../settingsSummary';
import type { CarbonQuery } from '../types';
import { QueryEditor } from './QueryEditor';
import type { EditorSource } from './queryEditors';
import type { QueryTypeSource } from './useBackendInfo';
import { settle } from './testUtils';

const settings = summariseSettings({
  aws: { authType: 'default' },
  focus: { paths: ['/data/focus'] },
  prometheus: { url: 'http://prometheus:9090' },
});

const none = () => Promise.resolve([]);
const datasource: EditorSource & QueryTypeSource = {
  settingsSummary: settings,
  getQueryTypes: () => Promise.resolve([...QUERY_TYPES]),
  getExporters: () => Promise.resolve({ exporters: [], queryTypes: {} }),
  getRegions: none,
  getNamespaces: none,
  getNodes: none,
  getProcesses: none,
  getWorkloads: none,
  getAccounts: none,
  getServices: none,
  getVariables: () => [],
};

/** A query as Grafana hands over saved JSON: nothing checks it against the types. */
const saved = (json: object): CarbonQuery => JSON.parse(JSON.stringify(json));

/** The labelled fields of each editor; together they tell every editor from every other. */
const FIELDS: Record<QueryType, string[]> = {
  gridIntensity: ['Provider', 'Regions', 'Format'],
  cloudEmissions: [
    'Source',
    'Metrics',
    'Group by',
    'Granularity',
    'Methodology',
    'Format',
    'Regions',
    'Services',
    'Accounts',
  ],
  cloudTrend: ['Source', 'Methodology', 'Regions', 'Services', 'Accounts'],
  namespaceEnergy: ['Group by', 'Metric', 'Namespaces', 'Workloads', 'Idle power', 'Zone'],
  processPower: ['Metric', 'Top', 'Executable', 'Command line', 'Namespaces'],
  costVsCarbon: ['Group by', 'Namespaces'],
  carbonEfficiency: ['Namespaces'],
  energyPerUnit: ['Scope', 'Selector', 'Units of work', 'Unit name'],
  promqlEnergy: ['PromQL', 'Unit', 'Provider', 'Region'],
  zombieInstances: [
    'Sources',
    'Kinds',
    'Window (days)',
    'Peak CPU under %',
    'Network under MB/day',
    'Namespaces',
    'Methodology',
    'Format',
  ],
  cloudRecommendations: ['Kinds', 'Source', 'Methodology', 'Format', 'Regions', 'Services', 'Accounts'],
};
const ALL_FIELDS = [...new Set(Object.values(FIELDS).flat())].sort();

async function renderQuery(query: CarbonQuery) {
  render(
    <QueryEditor
      query={query}
      datasource={datasource}
      onChange={jest.fn()}
      onRunQuery={jest.fn()}
      app={CoreApp.Explore}
    />
  );
  await settle();
}

/** The fields shown; radio options are values, not fields (a "Region" option is no Region field). */
const shownFields = () =>
  ALL_FIELDS.filter((label) => screen.queryAllByLabelText(label, { selector: ':not([type="radio"])' }).length > 0);

describe('the editor of each query type', () => {
  it('no two editors have the same fields', () => {
    const signatures = QUERY_TYPES.map((type) => [...FIELDS[type]].sort().join());
    expect(new Set(signatures).size).toBe(QUERY_TYPES.length);
  });

  it.each([...QUERY_TYPES])('%s opens its own editor, from its defaults', async (type) => {
    const defaults = QUERY_TYPE_DEFINITIONS[type].defaults(settings);
    await renderQuery({ refId: 'A', ...defaults });
    expect(screen.getByRole('combobox', { name: 'Query type' })).toHaveValue(QUERY_TYPE_DEFINITIONS[type].label);
    expect(shownFields()).toEqual([...FIELDS[type]].sort());
  });

  it('a query type this frontend does not know says so and opens no editor', async () => {
    await renderQuery(saved({ refId: 'A', queryType: 'fromTheFuture', provider: 'aws' }));
    expect(screen.getByRole('alert', { name: 'Unknown query type "fromTheFuture"' })).toBeInTheDocument();
    expect(
      screen.getByText(/no editor for this query type; the query was probably saved by a newer/)
    ).toBeInTheDocument();
    expect(shownFields()).toEqual([]);
  });

  it('a query without a query type opens as grid intensity', async () => {
    await renderQuery(saved({ refId: 'A', provider: 'aws' }));
    expect(screen.getByRole('combobox', { name: 'Query type' })).toHaveValue(
      QUERY_TYPE_DEFINITIONS.gridIntensity.label
    );
    expect(shownFields()).toEqual([...FIELDS.gridIntensity].sort());
    expect(screen.getByText('AWS')).toBeInTheDocument();
  });
});
