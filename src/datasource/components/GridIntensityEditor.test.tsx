/**
 * The grid intensity editor against the backend's own `regions` route (regionList.ts, the engine's region data),
 * so the picker shows what a running plugin lists. Expected regions and locations are the clouds' published ones
 * (AWS eu-west-1 is in Ireland, Google Cloud europe-west1 in Belgium, Azure westeurope in the Netherlands).
 */
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { errorResult } from '../../backend/queries/resources/http';
import { regionsRoute } from '../../backend/queries/resources/regionList';
import type { CloudProvider, GridIntensityQuery, RegionInfo } from '../types';
import { GridIntensityEditor, RegionSource } from './GridIntensityEditor';
import { renderStatefulEditor } from './testUtils';

/** What CarbonDataSource.getRegions asks: GET regions, with `provider` only when set. */
function routeSource(variables: string[] = []): RegionSource & { getRegions: jest.Mock } {
  return {
    getRegions: jest.fn(async (provider?: CloudProvider) => {
      const query = new URLSearchParams(provider ? { provider } : {});
      const request = { method: 'GET', path: 'regions', query };
      let answer;
      try {
        answer = regionsRoute(request);
      } catch (err) {
        // As handleResource answers a bad parameter.
        answer = errorResult(err);
      }
      if (answer.status !== 200) {
        throw { data: answer.body };
      }
      return answer.body as RegionInfo[];
    }),
    getVariables: () => variables,
  };
}

function setup(query: Partial<GridIntensityQuery> = {}, datasource: RegionSource = routeSource()) {
  const full: GridIntensityQuery = { refId: 'A', queryType: 'gridIntensity', ...query };
  return renderStatefulEditor(GridIntensityEditor, full, datasource);
}

describe('GridIntensityEditor', () => {
  it('a new query: every provider, every region, a table', async () => {
    await setup();
    expect(screen.getByText('All providers')).toBeInTheDocument();
    expect(screen.getByText('All regions')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Table' })).toBeChecked();
  });

  it("lists the route's regions with their location, and adds the picked one", async () => {
    const { last, onRunQuery } = await setup({ provider: 'aws' });
    await userEvent.click(screen.getByLabelText('Regions'));
    expect(await screen.findByText(/Ireland.*\(AWS\)/)).toBeInTheDocument();
    // Only the picked provider's regions.
    expect(screen.queryByText('europe-west1')).not.toBeInTheDocument();
    expect(screen.queryByText('westeurope')).not.toBeInTheDocument();
    await userEvent.click(screen.getByText('eu-west-1'));
    expect(last()).toEqual({ refId: 'A', queryType: 'gridIntensity', provider: 'aws', regions: ['eu-west-1'] });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('a new provider asks the route for its regions and clears those of the old one', async () => {
    const datasource = routeSource();
    const { last } = await setup({ provider: 'aws', regions: ['eu-west-1'] }, datasource);
    await userEvent.click(screen.getByLabelText('Provider'));
    await userEvent.click(await screen.findByText('Google Cloud'));
    expect(last()).toEqual({ refId: 'A', queryType: 'gridIntensity', provider: 'gcp', regions: [] });
    expect(datasource.getRegions).toHaveBeenLastCalledWith('gcp');
    await act(async () => {});
    await userEvent.click(screen.getByLabelText('Regions'));
    expect(await screen.findByText('Belgium (Google Cloud)')).toBeInTheDocument();
    expect(screen.queryByText('eu-west-1')).not.toBeInTheDocument();
  });

  it('without a provider, lists the regions of all three clouds', async () => {
    await setup();
    await userEvent.click(screen.getByLabelText('Regions'));
    expect(await screen.findByText(/Ireland.*\(AWS\)/)).toBeInTheDocument();
    expect(screen.getByText('Belgium (Google Cloud)')).toBeInTheDocument();
    expect(screen.getByText(/Netherlands.*\(Azure\)/)).toBeInTheDocument();
  });

  it('offers dashboard variables first, and keeps a typed region id the list does not have', async () => {
    const { last } = await setup({ provider: 'azure' }, routeSource(['$region']));
    await userEvent.click(screen.getByLabelText('Regions'));
    const options = await screen.findAllByRole('option');
    expect(options[0]).toHaveTextContent('$region');
    await userEvent.type(screen.getByLabelText('Regions'), 'swedencentral-2{enter}');
    expect(last().regions).toEqual(['swedencentral-2']);
  });

  it('switches the format to time series', async () => {
    const { last, onRunQuery } = await setup();
    await userEvent.click(screen.getByRole('radio', { name: 'Time series' }));
    expect(last()).toEqual({ refId: 'A', queryType: 'gridIntensity', format: 'timeseries' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it("shows the route's error when the regions cannot be listed", async () => {
    await setup({ provider: 'ibm' as CloudProvider });
    expect(screen.getByText('Could not load regions')).toBeInTheDocument();
    expect(screen.getByText(/Unknown provider "ibm"\. Use one of: aws, gcp, azure\./)).toBeInTheDocument();
  });
});
