import React from 'react';
import { CoreApp } from '@grafana/data';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { CarbonDataSource } from '../datasource';
import { summariseSettings } from '../settingsSummary';
import { QUERY_TYPE_DEFINITIONS } from '../../shared/queryTypes';
import { CarbonQuery, QUERY_TYPES } from '../types';
import { QueryEditor } from './QueryEditor';
import { QueryEditorProps, renderStatefulEditor } from './testUtils';

const datasource = {
  settingsSummary: summariseSettings({ prometheus: { url: 'http://prometheus:9090' }, focus: { paths: ['/f'] } }),
  getRegions: () => Promise.resolve([]),
  getQueryTypes: () => Promise.resolve([...QUERY_TYPES]),
  getExporters: () => Promise.resolve({ exporters: [], queryTypes: {} }),
  getNamespaces: () => Promise.resolve([]),
  getVariables: () => [],
} as unknown as CarbonDataSource;

/** Keeps the query in state as Grafana does. */
function AlertingQueryEditor(props: QueryEditorProps<CarbonQuery, CarbonDataSource>) {
  return <QueryEditor {...props} app={CoreApp.UnifiedAlerting} />;
}

function setup(query: CarbonQuery) {
  return renderStatefulEditor(AlertingQueryEditor, query, datasource);
}

// The scaffold's react-inlinesvg mock drops an Icon's props, and with them the Combobox clear button's title and
// click handler; this one keeps them, so the test clears the field as a user does.
jest.mock('react-inlinesvg', () => ({
  __esModule: true,
  default: ({ src, innerRef, cacheRequests, ...props }: Record<string, unknown>) =>
    jest.requireActual('react').createElement('svg', { 'data-testid': String(src), ...props }),
}));

const LABEL = 'Single value (alerts, stat panels)';
/** No delay between keystrokes: typing costs no timers, so a loaded machine cannot make it time out. */
const user = userEvent.setup({ delay: null });

describe('Single value (valueField)', () => {
  // One test per query type: each renders a whole editor, and twelve in one test outran its timeout under load.
  it.each(QUERY_TYPES)('is there for %s, empty meaning every number field', async (queryType) => {
    render(
      <QueryEditor
        query={{ refId: 'A', queryType } as CarbonQuery}
        datasource={datasource}
        onChange={jest.fn()}
        onRunQuery={jest.fn()}
      />
    );
    await act(async () => {});
    expect(screen.getByRole('combobox', { name: LABEL })).toHaveValue('');
    expect(screen.getByRole('combobox', { name: LABEL })).toHaveAttribute('placeholder', 'All number fields');
  });

  it("offers the query type's number fields (cloudRecommendations) and writes the picked one", async () => {
    const { onChange, onRunQuery, last } = await setup({
      refId: 'A',
      queryType: 'cloudRecommendations',
      format: 'summary',
    });
    await user.click(screen.getByRole('combobox', { name: LABEL }));
    // Fields of another query type are not offered.
    expect(screen.queryByRole('option', { name: /^intensity/ })).not.toBeInTheDocument();
    expect(screen.getByRole('option', { name: /^monthlyKWhSaved/ })).toBeInTheDocument();
    await user.click(screen.getByRole('option', { name: /^monthlyKgCO2eSaved/ }));
    expect(last()).toEqual({
      refId: 'A',
      queryType: 'cloudRecommendations',
      format: 'summary',
      valueField: 'monthlyKgCO2eSaved',
    });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('lists exactly the columns of the gridIntensity definition, with what each is', async () => {
    await setup({ refId: 'A', queryType: 'gridIntensity' });
    await user.click(screen.getByRole('combobox', { name: LABEL }));
    const listed = screen.getAllByRole('option').map((o) => o.textContent);
    expect(listed).toEqual([
      'intensityGrid carbon intensity, gCO2e/kWh',
      'puePower usage effectiveness of the region (table)',
      'yearYear of the intensity value (table)',
    ]);
    expect(QUERY_TYPE_DEFINITIONS.gridIntensity.columns.map((f) => f.name)).toEqual(['intensity', 'pue', 'year']);
  });

  it('takes a custom name, shows a saved one, and clearing removes valueField from the query', async () => {
    const { last } = await setup({ refId: 'A', queryType: 'cloudTrend', source: 'focus', valueField: 'co2e_growth' });
    const input = screen.getByRole('combobox', { name: LABEL });
    expect(input).toHaveValue('co2e_growth');
    await user.click(screen.getByTitle('Clear value'));
    expect(last()).toEqual({ refId: 'A', queryType: 'cloudTrend', source: 'focus' });
    expect('valueField' in last()).toBe(false);
    // A name this frontend does not list (a newer backend's field) is offered as typed.
    await user.type(input, 'co2e_per_kwh');
    await user.click(screen.getByRole('option', { name: /co2e_per_kwh/ }));
    expect(last().valueField).toBe('co2e_per_kwh');
  });

  it('a new query type starts without the old valueField (field names differ per type)', async () => {
    const { last } = await setup({ refId: 'A', queryType: 'gridIntensity', valueField: 'intensity' });
    await user.click(screen.getByRole('combobox', { name: 'Query type' }));
    await user.click(screen.getByRole('option', { name: /^Cloud trend \(this vs previous period\)/ }));
    expect(last().queryType).toBe('cloudTrend');
    expect(last().valueField).toBeUndefined();
  });
});
