import { createElement } from 'react';
import { lastValueFrom } from 'rxjs';
import { DataFrame, DataQueryRequest, DataQueryResponse } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { CarbonDataSource } from './datasource';
import { RegionInfo } from './types';
import { RegionVariableEditor, RegionVariableQuery, RegionVariableSupport } from './variables';

const REGIONS: RegionInfo[] = [
  { provider: 'aws', region: 'eu-west-1', location: 'Ireland' },
  { provider: 'gcp', region: 'europe-west1', location: 'Belgium' },
  // The same id twice must yield one variable option.
  { provider: 'aws', region: 'eu-west-1', location: 'Ireland' },
];

const request = (targets: RegionVariableQuery[]) => ({ targets }) as unknown as DataQueryRequest<RegionVariableQuery>;

const fieldValues = (response: DataQueryResponse, name: string) =>
  (response.data[0] as DataFrame).fields.find((f) => f.name === name)?.values;

/** Interpolates `$provider` as a dashboard whose provider variable is set to gcp would. */
const templateSrv = { replace: jest.fn((value: string) => value.replace('$provider', 'gcp')) };

describe('RegionVariableSupport', () => {
  it('lists region ids as text and value, for the requested provider', async () => {
    const getRegions = jest.fn().mockResolvedValue(REGIONS);
    const support = new RegionVariableSupport({ getRegions }, templateSrv);

    const response = await lastValueFrom(support.query(request([{ refId: 'A', provider: 'aws' }])));

    expect(getRegions).toHaveBeenCalledWith('aws');
    expect(fieldValues(response, 'text')).toEqual(['eu-west-1', 'europe-west1']);
    expect(fieldValues(response, 'value')).toEqual(['eu-west-1', 'europe-west1']);
  });

  it('asks for all providers when none is set, also for an empty target list', async () => {
    const getRegions = jest.fn().mockResolvedValue([]);
    const support = new RegionVariableSupport({ getRegions }, templateSrv);

    await lastValueFrom(support.query(request([{ refId: 'A' }])));
    await lastValueFrom(support.query(request([])));

    expect(getRegions).toHaveBeenNthCalledWith(1, undefined);
    expect(getRegions).toHaveBeenNthCalledWith(2, undefined);
  });

  it('interpolates a provider variable, and rejects a value that is no provider', async () => {
    const getRegions = jest.fn().mockResolvedValue([]);
    const support = new RegionVariableSupport({ getRegions }, templateSrv);

    await lastValueFrom(support.query(request([{ refId: 'A', provider: '$provider' }])));
    expect(getRegions).toHaveBeenCalledWith('gcp');

    await expect(lastValueFrom(support.query(request([{ refId: 'A', provider: 'ibm' }])))).rejects.toThrow(
      /Unknown provider "ibm": use one of aws, gcp, azure/
    );
  });

  it('propagates a failed lookup as an observable error', async () => {
    const support = new RegionVariableSupport({ getRegions: jest.fn().mockRejectedValue(new Error('backend down')) }, templateSrv);
    await expect(lastValueFrom(support.query(request([{ refId: 'A' }])))).rejects.toThrow('backend down');
  });
});

describe('RegionVariableEditor', () => {

  const renderEditor = (query: RegionVariableQuery | string, onChange = jest.fn()) => {
    const props = {
      query,
      onChange,
      onRunQuery: jest.fn(),
      datasource: {} as CarbonDataSource,
    } as unknown as Parameters<typeof RegionVariableEditor>[0];
    render(createElement(RegionVariableEditor, props));
    return onChange;
  };

  it('shows the selected provider and writes a new one to the variable query', async () => {
    const onChange = renderEditor({ refId: 'CarbonRegions', provider: 'aws' });
    expect(screen.getByText('AWS')).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Provider'));
    await userEvent.click(await screen.findByText('Azure'));

    expect(onChange).toHaveBeenCalledWith({ refId: 'CarbonRegions', provider: 'azure' });
  });

  it('copes with a new variable whose query is still an empty string', async () => {
    const onChange = renderEditor('');
    expect(screen.getByText('All providers')).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Provider'));
    await userEvent.click(await screen.findByText('Google Cloud'));

    expect(onChange).toHaveBeenCalledWith({ refId: 'CarbonRegions', provider: 'gcp' });
  });
});
