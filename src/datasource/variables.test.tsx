import React from 'react';
import { lastValueFrom } from 'rxjs';
import { DataFrame, DataQueryRequest, DataQueryResponse, dateTime } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { CarbonDataSource } from './datasource';
import { CarbonVariableQuery, RegionInfo } from './types';
import { CarbonVariableSupport, toVariableQuery } from './variables';
import { CarbonVariableEditor } from './VariableQueryEditor';

const REGIONS: RegionInfo[] = [
  { provider: 'aws', region: 'eu-west-1', location: 'Ireland' },
  { provider: 'gcp', region: 'europe-west1', location: 'Belgium' },
  // The same id twice must yield one variable option.
  { provider: 'aws', region: 'eu-west-1', location: 'Ireland' },
];

const request = (targets: unknown[], extra: Partial<DataQueryRequest<CarbonVariableQuery>> = {}) =>
  ({ targets, ...extra }) as unknown as DataQueryRequest<CarbonVariableQuery>;

const fieldValues = (response: DataQueryResponse, name: string) =>
  (response.data[0] as DataFrame).fields.find((f) => f.name === name)?.values;

/**
 * Interpolates as a dashboard would with $provider = gcp, $source = focus and $namespace = [shop, jobs]: a format
 * function gets the raw value (an array for multi-value), the default format joins as {a,b}.
 */
const VARS: Record<string, string | string[]> = {
  provider: 'gcp',
  source: 'focus',
  namespace: ['shop', 'jobs'],
  one: 'a.b',
};
const templateSrv = {
  replace: jest.fn((value: string, _scoped?: unknown, format?: unknown) =>
    value.replace(/\$(\w+)/g, (m, name: string) => {
      const v = VARS[name];
      if (v === undefined) {
        return m;
      }
      if (typeof format === 'function') {
        return format(v);
      }
      return Array.isArray(v) ? `{${v.join(',')}}` : v;
    })
  ),
};

function fakeSource() {
  return {
    getRegions: jest.fn().mockResolvedValue(REGIONS),
    getValues: jest.fn().mockResolvedValue([
      { value: '123456789012', text: 'Production' },
      { value: '210987654321', text: '210987654321' },
    ]),
  };
}

const run = (support: CarbonVariableSupport, targets: unknown[], extra = {}) =>
  lastValueFrom(support.query(request(targets, extra)));

describe('CarbonVariableSupport', () => {
  beforeEach(() => jest.clearAllMocks());

  describe('variables saved before kinds existed list regions', () => {
    it('{ refId, provider }: region ids as text and value, for the provider', async () => {
      const ds = fakeSource();
      const response = await run(new CarbonVariableSupport(ds, templateSrv), [{ refId: 'A', provider: 'aws' }]);
      expect(ds.getRegions).toHaveBeenCalledWith('aws');
      expect(fieldValues(response, 'text')).toEqual(['eu-west-1', 'europe-west1']);
      expect(fieldValues(response, 'value')).toEqual(['eu-west-1', 'europe-west1']);
      expect(ds.getValues).not.toHaveBeenCalled();
    });

    it('no provider, an empty target list or an empty-string query: all providers', async () => {
      const ds = fakeSource();
      const support = new CarbonVariableSupport(ds, templateSrv);
      await run(support, [{ refId: 'A' }]);
      await run(support, []);
      await run(support, ['']);
      expect(ds.getRegions.mock.calls).toEqual([[undefined], [undefined], [undefined]]);
    });

    it('interpolates $provider, and rejects a value that is no provider', async () => {
      const ds = fakeSource();
      const support = new CarbonVariableSupport(ds, templateSrv);
      await run(support, [{ refId: 'A', kind: 'regions', provider: '$provider' }]);
      expect(ds.getRegions).toHaveBeenCalledWith('gcp');
      await expect(run(support, [{ refId: 'A', provider: 'ibm' }])).rejects.toThrow(
        /Unknown provider "ibm": use one of aws, gcp, azure/
      );
    });
  });

  it('lists accounts through the accounts route, named, for the source and the dashboard range', async () => {
    const ds = fakeSource();
    const range = {
      from: dateTime(1_700_000_000_000),
      to: dateTime(1_700_086_400_000),
      raw: { from: 'now-1d', to: 'now' },
    };
    const response = await run(
      new CarbonVariableSupport(ds, templateSrv),
      [{ refId: 'A', kind: 'accounts', source: '$source' }],
      { range }
    );
    expect(ds.getValues).toHaveBeenCalledWith('accounts', {
      source: 'focus',
      from: 1_700_000_000_000,
      to: 1_700_086_400_000,
    });
    expect(fieldValues(response, 'text')).toEqual(['Production', '210987654321']);
    expect(fieldValues(response, 'value')).toEqual(['123456789012', '210987654321']);
  });

  it.each([
    ['providers', {}, {}],
    ['services', { source: 'awsCostExplorer' }, { source: 'awsCostExplorer' }],
    ['namespaces', {}, {}],
    ['nodes', { namespace: 'ignored' }, {}],
    ['workloads', { namespace: 'shop' }, { namespace: 'shop' }],
    // A multi-value variable becomes a regex alternation, each value escaped.
    ['workloads', { namespace: '$namespace' }, { namespace: '(shop|jobs)' }],
    ['processes', { namespace: '$one' }, { namespace: 'a\\.b' }],
  ])('%s %j calls its route with %j', async (kind, options, params) => {
    const ds = fakeSource();
    await run(new CarbonVariableSupport(ds, templateSrv), [{ refId: 'A', kind, ...options }]);
    expect(ds.getValues).toHaveBeenCalledWith(kind, params);
  });

  it('says what is wrong with an unknown kind or billing source, and passes backend errors on', async () => {
    const ds = fakeSource();
    const support = new CarbonVariableSupport(ds, templateSrv);
    await expect(run(support, [{ refId: 'A', kind: 'clusters' }])).rejects.toThrow(
      /Unknown variable kind "clusters": use one of providers, regions/
    );
    await expect(run(support, [{ refId: 'A', kind: 'accounts', source: 'gcpBilling' }])).rejects.toThrow(
      'Unknown billing source "gcpBilling": use one of awsCostExplorer, focus.'
    );
    ds.getValues.mockRejectedValue(new Error('Prometheus is not configured'));
    await expect(run(support, [{ refId: 'A', kind: 'nodes' }])).rejects.toThrow('Prometheus is not configured');
  });

  it('toVariableQuery reads old and new shapes', () => {
    expect(toVariableQuery('')).toEqual({ refId: 'CarbonVariable', kind: 'regions' });
    expect(toVariableQuery({ refId: 'R', provider: 'aws' })).toEqual({ refId: 'R', kind: 'regions', provider: 'aws' });
    expect(toVariableQuery({ refId: 'W', kind: 'workloads', namespace: 'shop' })).toEqual({
      refId: 'W',
      kind: 'workloads',
      namespace: 'shop',
    });
  });
});

describe('CarbonVariableEditor', () => {
  const renderEditor = (query: Partial<CarbonVariableQuery> | string, onChange = jest.fn()) => {
    const props = {
      query,
      onChange,
      onRunQuery: jest.fn(),
      datasource: { getVariables: () => ['$provider', '$namespace'] } as unknown as CarbonDataSource,
    } as unknown as Parameters<typeof CarbonVariableEditor>[0];
    render(<CarbonVariableEditor {...props} />);
    return onChange;
  };

  it('an old variable shows Regions with its provider; a new provider is written to the query', async () => {
    const onChange = renderEditor({ refId: 'CarbonRegions', provider: 'aws' });
    expect(screen.getByText('Regions')).toBeInTheDocument();
    expect(screen.getByText('AWS')).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Provider'));
    await userEvent.click(await screen.findByText('Azure'));
    expect(onChange).toHaveBeenCalledWith({ refId: 'CarbonRegions', provider: 'azure' });
  });

  it('a new variable (empty string) can take a provider variable', async () => {
    const onChange = renderEditor('');
    expect(screen.getByText('All providers')).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Provider'));
    await userEvent.click(await screen.findByText('$provider'));
    expect(onChange).toHaveBeenCalledWith({ refId: 'CarbonVariable', provider: '$provider' });
  });

  it('switching the kind drops the options of the old kind', async () => {
    const onChange = renderEditor({ refId: 'V', kind: 'regions', provider: 'gcp' });
    await userEvent.click(screen.getByLabelText('List'));
    await userEvent.click(await screen.findByText('Accounts'));
    expect(onChange).toHaveBeenCalledWith({ refId: 'V', kind: 'accounts' });
  });

  it('billing kinds pick a source; "First configured" removes it', async () => {
    const onChange = renderEditor({ refId: 'V', kind: 'services', source: 'focus' });
    expect(screen.getByRole('radio', { name: 'FOCUS exports' })).toBeChecked();
    await userEvent.click(screen.getByRole('radio', { name: 'AWS Cost Explorer' }));
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'V', kind: 'services', source: 'awsCostExplorer' });
    await userEvent.click(screen.getByRole('radio', { name: 'First configured' }));
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'V', kind: 'services' });
    expect(screen.queryByLabelText('Namespace')).not.toBeInTheDocument();
  });

  it('providers: "Grid data" (no source) is the default, and a billing source can be picked instead', async () => {
    const onChange = renderEditor({ refId: 'V', kind: 'providers' });
    expect(screen.getByRole('radio', { name: 'Grid data' })).toBeChecked();
    expect(screen.queryByRole('radio', { name: 'First configured' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'FOCUS exports' }));
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'V', kind: 'providers', source: 'focus' });
  });

  it('workloads take a namespace regex or variable, written once the field loses focus', async () => {
    const onChange = renderEditor({ refId: 'V', kind: 'workloads' });
    await userEvent.type(screen.getByLabelText('Namespace'), '$namespace');
    expect(onChange).not.toHaveBeenCalled();
    await userEvent.tab();
    expect(onChange).toHaveBeenCalledWith({ refId: 'V', kind: 'workloads', namespace: '$namespace' });
  });

  it('flags an invalid namespace regex', async () => {
    renderEditor({ refId: 'V', kind: 'processes', namespace: 'shop(' });
    expect(screen.getByText('Not a valid regular expression')).toBeInTheDocument();
  });
});
