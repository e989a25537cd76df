import React from 'react';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { of, throwError } from 'rxjs';

import { RecommendationsPage } from './RecommendationsPage';
import { RECOMMENDATION_ROWS, ZOMBIE_ROWS } from './testFixtures';
import { tableFrame } from '../shared/testFrames';
import {
  carbonDataSource,
  grafana,
  httpError,
  okResponse,
  renderPage,
  section,
  setDataSources,
  TYPE,
} from '../shared/testUtils';

jest.mock('@grafana/runtime', () => jest.requireActual('../shared/testUtils').runtimeWithFakes());

const { fetch } = grafana;
const ds = carbonDataSource;
const PROD = ds('prod', 'Carbon prod', { aws: { authType: 'default' }, prometheus: { url: 'http://prometheus:9090' } });
const LAB = ds('lab', 'Carbon lab', { focus: { paths: ['/data/focus'] } });

const BOTH = {
  zombies: { status: 200, frames: [tableFrame('zombies', ZOMBIE_ROWS)] },
  recommendations: { status: 200, frames: [tableFrame('recommendations', RECOMMENDATION_ROWS)] },
};

async function setup(results: object = BOTH, dataSources = [PROD], url = '/recommendations') {
  setDataSources(dataSources);
  // The body of Grafana's query API: one result per refId, each with its frames as JSON.
  fetch.mockImplementation(() => of(okResponse({ results })));
  await renderPage(<RecommendationsPage />, url);
}

const total = (sectionName: string, item: string) =>
  within(section(`${sectionName} totals`).getByLabelText(item, { selector: '[role=group]' }));
const sum = (values: Array<number | null>) => values.reduce<number>((a, v) => a + (v ?? 0), 0);
const fixed = (n: number, decimals: number) => n.toFixed(decimals);
/** Opens a combobox by its label and picks an option from its listbox (the same text may be in the tables). */
async function pick(label: string, option: string) {
  await user.click(screen.getByRole('combobox', { name: label }));
  await user.click(within(screen.getByRole('listbox')).getByRole('option', { name: option }));
}
/** No delay between keystrokes: typing costs no timers, so a loaded machine cannot make it time out. */
const user = userEvent.setup({ delay: null });
const lastRequest = () => fetch.mock.calls[fetch.mock.calls.length - 1][0];

beforeEach(() => {
  fetch.mockReset();
});

describe('RecommendationsPage', () => {
  it('runs both queries against the data source over the last 14 days', async () => {
    const before = Date.now();
    await setup();
    const request = lastRequest();
    // Sent by the datasource (DataSourceWithBackend), which names itself in Grafana's plugin headers.
    expect(request).toMatchObject({
      method: 'POST',
      headers: { 'X-Plugin-Id': TYPE, 'X-Datasource-Uid': 'prod' },
    });
    expect(request.data.queries).toMatchObject([
      { refId: 'zombies', datasource: { type: TYPE, uid: 'prod' }, queryType: 'zombieInstances', format: 'table' },
      {
        refId: 'recommendations',
        datasource: { type: TYPE, uid: 'prod' },
        queryType: 'cloudRecommendations',
        format: 'table',
      },
    ]);
    const to = Number(request.data.to);
    expect(to).toBeGreaterThanOrEqual(before);
    expect(to - Number(request.data.from)).toBe(14 * 24 * 3600 * 1000);
  });

  it('shows every row and totals equal to the sums of the rows', async () => {
    await setup();
    for (const r of ZOMBIE_ROWS) {
      expect(section('Idle resources').getByText(r.name)).toBeInTheDocument();
    }
    expect(section('Recommendations').getByText(RECOMMENDATION_ROWS[0].action)).toBeInTheDocument();
    expect(section('Recommendations').getByText(RECOMMENDATION_ROWS[1].action)).toBeInTheDocument();

    // 140.16 + 12.50 + 4.00 = 156.66 USD; the node has no cost.
    const cost = sum(ZOMBIE_ROWS.map((r) => r.monthlyCost));
    expect(fixed(cost, 2)).toBe('156.66');
    expect(total('Idle resources', 'Monthly cost').getByText(`${fixed(cost, 2)} USD`)).toBeInTheDocument();
    expect(total('Idle resources', 'Monthly cost').getByText('1 without an estimate')).toBeInTheDocument();
    // 25.3 + 18.4 + 3.1 + 0.6 = 47.4 kWh; 8.9 + 5.2 + 0.4 + 0.1 = 14.6 kgCO2e.
    const kWh = sum(ZOMBIE_ROWS.map((r) => r.monthlyKWh));
    expect(total('Idle resources', 'kWh per month').getByText(fixed(kWh, 1))).toBeInTheDocument();
    const kg = sum(ZOMBIE_ROWS.map((r) => r.monthlyKgCO2e));
    expect(total('Idle resources', 'kgCO2e per month').getByText(fixed(kg, 1))).toBeInTheDocument();
    expect(fixed(kWh, 1)).toBe('47.4');
    expect(fixed(kg, 1)).toBe('14.6');

    // The region switch costs 21.70 more; the rightsizing saves 140.16: 118.46 USD saved.
    const saved = sum(RECOMMENDATION_ROWS.map((r) => r.monthlyCostSaved));
    expect(fixed(saved, 2)).toBe('118.46');
    expect(total('Recommendations', 'Monthly cost').getByText(`${fixed(saved, 2)} USD`)).toBeInTheDocument();
    const kgSaved = sum(RECOMMENDATION_ROWS.map((r) => r.monthlyKgCO2eSaved));
    expect(total('Recommendations', 'kgCO2e per month').getByText(fixed(kgSaved, 1))).toBeInTheDocument();
    expect(fixed(kgSaved, 1)).toBe('145.9');
  });

  it('filters by kind: only the picked kinds are shown and totalled', async () => {
    await setup();
    await pick('Kind', 'Idle workload');

    const workload = ZOMBIE_ROWS.filter((r) => r.kind === 'workload');
    expect(section('Idle resources').getByText('cart-legacy')).toBeInTheDocument();
    expect(section('Idle resources').queryByText('legacy-batch')).not.toBeInTheDocument();
    const kWh = sum(workload.map((r) => r.monthlyKWh));
    expect(total('Idle resources', 'kWh per month').getByText(fixed(kWh, 1))).toBeInTheDocument();
    expect(total('Idle resources', 'Monthly cost').getByText('12.50 USD')).toBeInTheDocument();
    expect(section('Recommendations').getByText('No recommendations match the filters')).toBeInTheDocument();
  });

  it('filters by region across both tables', async () => {
    await setup();
    await pick('Region', 'eu-west-1');

    const zombies = ZOMBIE_ROWS.filter((r) => r.region === 'eu-west-1');
    expect(zombies.map((r) => r.name)).toEqual(['legacy-batch', 'ip-10-0-3-17.eu-west-1.compute.internal']);
    expect(section('Idle resources').queryByText('cart-legacy')).not.toBeInTheDocument();
    const kg = sum(zombies.map((r) => r.monthlyKgCO2e));
    expect(total('Idle resources', 'kgCO2e per month').getByText(fixed(kg, 1))).toBeInTheDocument();
    expect(section('Recommendations').getByText(RECOMMENDATION_ROWS[1].action)).toBeInTheDocument();
    expect(section('Recommendations').queryByText(RECOMMENDATION_ROWS[0].action)).not.toBeInTheDocument();
    expect(total('Recommendations', 'Monthly cost').getByText('140.16 USD')).toBeInTheDocument();
  });

  it('filters by provider', async () => {
    await setup();
    await pick('Provider', 'gcp');
    const gcp = ZOMBIE_ROWS.filter((r) => r.provider === 'gcp');
    expect(gcp.map((r) => r.name)).toEqual(['cart-legacy', 'data-old-etl-0']);
    expect(section('Idle resources').getByText('data-old-etl-0')).toBeInTheDocument();
    expect(section('Idle resources').queryByText('legacy-batch')).not.toBeInTheDocument();
    // 12.50 + 4.00
    expect(total('Idle resources', 'Monthly cost').getByText('16.50 USD')).toBeInTheDocument();
    expect(section('Recommendations').getByText('No recommendations match the filters')).toBeInTheDocument();
  });

  it('filters by namespace and says why recommendations disappear', async () => {
    await setup();
    await pick('Namespace', 'jobs');

    expect(section('Idle resources').getByText('data-old-etl-0')).toBeInTheDocument();
    expect(section('Idle resources').queryByText('cart-legacy')).not.toBeInTheDocument();
    expect(total('Idle resources', 'Monthly cost').getByText('4.00 USD')).toBeInTheDocument();
    expect(section('Recommendations').getByText(/Recommendations have no namespace/)).toBeInTheDocument();
  });

  it('searches ids, names and actions as typed', async () => {
    await setup();
    await user.type(screen.getByPlaceholderText(/Resource, name, account/), 'I-0A1B');
    expect(section('Idle resources').getByText('legacy-batch')).toBeInTheDocument();
    expect(section('Idle resources').queryByText('cart-legacy')).not.toBeInTheDocument();
    expect(total('Idle resources', 'Monthly cost').getByText('140.16 USD')).toBeInTheDocument();
    expect(section('Recommendations').getByText('No recommendations match the filters')).toBeInTheDocument();
  });

  it('shows one failed query with its message and a link to the settings, and the other query still', async () => {
    const message = 'AWS Cost Explorer is not configured: set it up in the data source settings';
    setDataSources([PROD]);
    // Grafana answers a request with a failed query as an HTTP error that carries every result.
    fetch.mockImplementation(() =>
      throwError(() =>
        httpError(400, { results: { zombies: BOTH.zombies, recommendations: { status: 400, error: message } } })
      )
    );
    await renderPage(<RecommendationsPage />, '/recommendations');

    expect(section('Idle resources').getByText('legacy-batch')).toBeInTheDocument();
    expect(section('Recommendations').getByText('Could not load recommendations')).toBeInTheDocument();
    expect(section('Recommendations').getByText(message)).toBeInTheDocument();
    expect(section('Recommendations').getByRole('link', { name: /Data source settings/ })).toHaveAttribute(
      'href',
      '/connections/datasources/edit/prod'
    );
  });

  it('says when the whole request fails', async () => {
    setDataSources([PROD]);
    fetch.mockImplementation(() => throwError(() => httpError(502, { message: 'plugin unavailable' })));
    await renderPage(<RecommendationsPage />, '/recommendations');
    expect(screen.getByText('Could not query Carbon prod')).toBeInTheDocument();
    expect(screen.getByText('plugin unavailable')).toBeInTheDocument();
  });

  it('queries only what the data source can answer and names what to set up for the rest', async () => {
    await setup({ recommendations: BOTH.recommendations }, [LAB]);
    expect(lastRequest().data.queries.map((q: { refId: string }) => q.refId)).toEqual(['recommendations']);
    expect(section('Idle resources').getByText(/need "AWS Cost Explorer" or "Prometheus" set up/)).toBeInTheDocument();
    expect(section('Recommendations').getByText(RECOMMENDATION_ROWS[0].action)).toBeInTheDocument();
  });

  it('says when nothing idle was found', async () => {
    await setup({
      zombies: { status: 200, frames: [tableFrame('zombies', [])] },
      recommendations: { status: 200, frames: [] },
    });
    expect(screen.getByText('No idle resources found in Carbon prod')).toBeInTheDocument();
    expect(screen.getByText('No recommendations found in Carbon prod')).toBeInTheDocument();
  });

  it('offers a data source picker when there are several, and queries the picked one', async () => {
    // Grafana lists data sources by name (lab before prod); the default one is picked first.
    await setup(BOTH, [{ ...PROD, isDefault: true }, LAB]);
    expect(lastRequest().data.queries[0].datasource.uid).toBe('prod');
    await pick('Data source', 'Carbon lab');
    await act(async () => {});
    expect(lastRequest().data.queries).toEqual([
      expect.objectContaining({ refId: 'recommendations', datasource: { type: TYPE, uid: 'lab' } }),
    ]);
  });

  it('starts from the data source and window in the URL, and queries again for a new window', async () => {
    await setup(BOTH, [PROD, LAB], '/recommendations?ds=lab&days=30');
    const first = lastRequest().data;
    expect(first.queries[0].datasource.uid).toBe('lab');
    expect(Number(first.to) - Number(first.from)).toBe(30 * 24 * 3600 * 1000);

    await user.click(screen.getByRole('radio', { name: 'Last 7 days' }));
    await act(async () => {});
    const second = lastRequest().data;
    expect(Number(second.to) - Number(second.from)).toBe(7 * 24 * 3600 * 1000);
  });

  it('links to adding a data source when there is none', async () => {
    await setup(BOTH, []);
    expect(fetch).not.toHaveBeenCalled();
    expect(screen.getByRole('link', { name: /Add data source/ })).toHaveAttribute(
      'href',
      '/connections/datasources/new'
    );
  });
});
