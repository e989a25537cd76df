import React from 'react';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { act, screen, within } from '@testing-library/react';
import { Observable, of, throwError } from 'rxjs';

import { OverviewPage } from '../Overview';
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
import {
  CLOUD_AWS_ROWS,
  CLOUD_FOCUS_ROWS,
  CURRENCY_WARNING,
  DISCOVERY,
  IDLE_SUMMARY_ROWS,
  K8S_CO2E_ROWS,
  K8S_ENERGY_ROWS,
  RESULTS,
} from './testFixtures';

jest.mock('@grafana/runtime', () => jest.requireActual('../shared/testUtils').runtimeWithFakes());

const { fetch } = grafana;
const ds = carbonDataSource;
/** Everything configured; the Prometheus URL carries credentials, as a pasted URL may. */
const PROD = ds('prod', 'Carbon prod', {
  aws: { authType: 'assumeRole', region: 'eu-west-1', assumeRoleArn: 'arn:aws:iam::123456789012:role/ce' },
  focus: { paths: ['/data/focus/azure', ' '] },
  prometheus: { url: 'http://grafana:s3cret-pass@prometheus:9090/?token=abc', authType: 'basic' },
});
const LAB = ds('lab', 'Carbon lab', { focus: { paths: ['/data/focus'] } });

const HEALTHY = 'GreenOps Carbon is working. Grid carbon intensity for 120 cloud regions (aws 33, gcp 42, azure 45).';
const UNHEALTHY =
  'GreenOps Carbon has a problem. AWS Cost Explorer: FAILED: AccessDeniedException: not authorized to perform ce:GetCostAndUsage';

type Answer = Observable<unknown>;
interface Routes {
  health?: Answer;
  exporters?: Answer;
  /** By refId; a result is answered as Grafana does (HTTP 400 carrying every result when one failed). */
  results?: Record<string, { status: number; frames?: unknown[]; error?: string }>;
  /** A refId whose request fails as a whole. */
  down?: string;
}

const DEFAULT_ROUTES: Routes = {
  health: of(okResponse({ status: 'OK', message: HEALTHY })),
  exporters: of(okResponse(DISCOVERY)),
  results: RESULTS,
};

function route(routes: Routes) {
  fetch.mockImplementation((req: { url: string; data?: { queries: Array<{ refId: string }> } }) => {
    if (req.url.endsWith('/health')) {
      return routes.health;
    }
    if (req.url.endsWith('/resources/exporters')) {
      return routes.exporters;
    }
    // A query request is the one with queries; its URL is the datasource's business.
    if (req.data?.queries) {
      const refIds = req.data.queries.map((q) => q.refId);
      if (refIds.includes(routes.down ?? '')) {
        return throwError(() => httpError(502, { message: 'Bad Gateway: plugin unavailable' }));
      }
      const results = Object.fromEntries(refIds.map((r) => [r, routes.results![r]]));
      const failed = Object.values(results).some((r) => r.status >= 400);
      const body = { results };
      return failed ? throwError(() => httpError(400, body)) : of(okResponse(body));
    }
    throw new Error(`unexpected request ${req.url}`);
  });
}

async function setup(routes: Routes = {}, dataSources = [PROD], url = '/') {
  setDataSources(dataSources);
  route({ ...DEFAULT_ROUTES, ...routes });
  await renderPage(<OverviewPage />, url);
}

const figure = (card: string, label: string) =>
  section(card).getByLabelText(label, { selector: '[role=group]' }).textContent;
const sum = (values: Array<number | null>) => values.reduce<number>((a, v) => a + (v ?? 0), 0);
const queryRequests = () =>
  fetch.mock.calls.map((c) => c[0]).filter((r: { data?: { queries?: unknown } }) => r.data?.queries);
const refIdsQueried = () =>
  queryRequests().flatMap((r: { data: { queries: Array<{ refId: string }> } }) => r.data.queries.map((q) => q.refId));
const DAY = 24 * 3600 * 1000;

beforeEach(() => {
  fetch.mockReset();
});

describe('OverviewPage: sources', () => {
  it('shows a healthy data source with the backend message', async () => {
    await setup();
    expect(section('Sources').getByText('Healthy')).toBeInTheDocument();
    expect(section('Sources').getByText(HEALTHY)).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledWith(expect.objectContaining({ url: '/api/datasources/uid/prod/health' }));
  });

  it('shows a failing health check with the backend message (Grafana answers it as HTTP 400)', async () => {
    await setup({ health: throwError(() => httpError(400, { status: 'ERROR', message: UNHEALTHY })) });
    expect(section('Sources').getByText('Unhealthy')).toBeInTheDocument();
    expect(section('Sources').getByText(UNHEALTHY)).toBeInTheDocument();
  });

  it('says when health cannot be checked at all', async () => {
    await setup({ health: throwError(() => httpError(403, { message: 'Permission denied' })) });
    expect(section('Sources').getByText('Could not check health')).toBeInTheDocument();
    expect(section('Sources').getByText('Permission denied')).toBeInTheDocument();
  });

  it('lists configured sources with their settings and never the credentials of the Prometheus URL', async () => {
    await setup();
    const item = (name: string) => within(section('Sources').getByLabelText(name, { selector: 'li' }));
    expect(item('AWS Cost Explorer').getByText(/: configured/)).toBeInTheDocument();
    expect(item('AWS Cost Explorer').getByText('Authentication: assumed role')).toBeInTheDocument();
    expect(item('AWS Cost Explorer').getByText('Region: eu-west-1')).toBeInTheDocument();
    expect(item('FOCUS exports').getByText('Path: /data/focus/azure')).toBeInTheDocument();
    expect(item('Prometheus').getByText('URL: http://prometheus:9090/')).toBeInTheDocument();
    expect(item('Prometheus').getByText('Authentication: basic authentication')).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/s3cret|token=abc/);
  });

  it('shows what is not configured, and neither queries it nor looks for exporters', async () => {
    await setup({}, [LAB]);
    const item = (name: string) => within(section('Sources').getByLabelText(name, { selector: 'li' }));
    expect(item('AWS Cost Explorer').getByText(/: not configured/)).toBeInTheDocument();
    expect(item('Prometheus').getByText(/: not configured/)).toBeInTheDocument();
    expect(item('FOCUS exports').getByText(/: configured/)).toBeInTheDocument();
    expect(refIdsQueried()).toEqual(['cloudFocus']);
    expect(fetch).not.toHaveBeenCalledWith(expect.objectContaining({ url: expect.stringMatching(/exporters/) }));
    const missing = within(screen.getByLabelText('Numbers not configured'));
    expect(missing.getByText(/Cloud, AWS Cost Explorer: Set up AWS Cost Explorer/)).toBeInTheDocument();
    expect(missing.getByText(/Kubernetes energy \(measured\): Set up Prometheus/)).toBeInTheDocument();
    expect(missing.getByText(/Idle resources: Set up AWS Cost Explorer or Prometheus/)).toBeInTheDocument();
    // The dashboards that read Prometheus say they need it.
    expect(section('Dashboards').getAllByText('(needs Prometheus)')).toHaveLength(3);
  });

  it('shows the exporters found over the selected range and what each enables', async () => {
    await setup();
    const request = fetch.mock.calls.map((c) => c[0]).find((r) => r.url.endsWith('/exporters'));
    expect(request.url).toBe('/api/datasources/uid/prod/resources/exporters');
    expect(Number(request.params.to) - Number(request.params.from)).toBe(7 * DAY);

    const row = (name: string) => within(section('Sources').getByText(name).closest('tr')!);
    expect(row('Kepler 0.10+').getByText('Found: zones dram, package')).toBeInTheDocument();
    expect(row('Kepler 0.10+').getByText(/Kubernetes energy \(measured\)/)).toBeInTheDocument();
    expect(row('Kepler 0.10+').getByText(/Cost vs carbon \(OpenCost\)/)).toBeInTheDocument();
    expect(row('OpenCost').getByText('Cost vs carbon (OpenCost)')).toBeInTheDocument();
    expect(row('Scaphandre').getByText('Not found')).toBeInTheDocument();
    expect(row('cAdvisor').getByText('Carbon efficiency (requested vs used)')).toBeInTheDocument();
    const unavailable = within(screen.getByLabelText('Unavailable query types'));
    expect(unavailable.getByText('Process power (Scaphandre): Scaphandre not found')).toBeInTheDocument();
  });

  it('says when exporter discovery fails, and still shows the rest', async () => {
    const message = 'Prometheus at http://prometheus:9090 is unreachable: connect ECONNREFUSED';
    await setup({ exporters: throwError(() => httpError(502, { message })) });
    expect(section('Sources').getByText('Could not discover exporters')).toBeInTheDocument();
    expect(section('Sources').getByText(message)).toBeInTheDocument();
    expect(section('Sources').getByText('Healthy')).toBeInTheDocument();
  });
});

describe('OverviewPage: headline numbers', () => {
  it('queries each configured source over the last 7 days by default', async () => {
    const before = Date.now();
    await setup();
    expect(refIdsQueried().sort()).toEqual(['cloudAws', 'cloudFocus', 'idleWaste', 'k8sCo2e', 'k8sEnergy']);
    const byRefId = Object.fromEntries(
      queryRequests().map((r: { data: { queries: Array<{ refId: string }> } }) => [r.data.queries[0].refId, r.data])
    );
    const datasource = { type: TYPE, uid: 'prod' };
    // DataSourceWithBackend adds what Grafana's query API reads (datasourceId, intervalMs, maxDataPoints).
    expect(byRefId.cloudAws.queries).toMatchObject([
      {
        refId: 'cloudAws',
        datasource,
        queryType: 'cloudEmissions',
        source: 'awsCostExplorer',
        metrics: ['co2e', 'cost'],
        groupBy: ['provider'],
        format: 'table',
      },
    ]);
    expect(byRefId.k8sCo2e.queries[0]).toMatchObject({ queryType: 'namespaceEnergy', metric: 'co2e' });
    expect(byRefId.idleWaste.queries[0]).toMatchObject({ queryType: 'zombieInstances', format: 'summary' });
    for (const data of Object.values(byRefId) as unknown as Array<{ from: string; to: string }>) {
      expect(Number(data.to)).toBeGreaterThanOrEqual(before);
      expect(Number(data.to) - Number(data.from)).toBe(7 * DAY);
    }
  });

  it('shows sums of the returned rows', async () => {
    await setup();
    // AWS: one row, 412.37 kg and 9,876.54 USD.
    expect(figure('Cloud, AWS Cost Explorer', 'CO2e')).toContain(
      `${sum(CLOUD_AWS_ROWS.map((r) => r.co2e)).toFixed(1)} kgCO2e`
    );
    expect(figure('Cloud, AWS Cost Explorer', 'Cost')).toContain('9,876.54 USD');
    // FOCUS: 120.5 + 35.25 + 8.75 = 164.5 kg; 2410.10 + 512.33 + 190.00 = 3,112.43 USD.
    expect(sum(CLOUD_FOCUS_ROWS.map((r) => r.co2e))).toBeCloseTo(164.5, 9);
    expect(figure('Cloud, FOCUS exports', 'CO2e')).toContain('164.5 kgCO2e');
    expect(figure('Cloud, FOCUS exports', 'CO2e')).toContain('clouds: aws, azure, gcp');
    expect(sum(CLOUD_FOCUS_ROWS.map((r) => r.cost))).toBeCloseTo(3112.43, 9);
    expect(figure('Cloud, FOCUS exports', 'Cost')).toContain('3,112.43 USD');
    expect(section('Cloud, FOCUS exports').getByText(CURRENCY_WARNING.text)).toBeInTheDocument();
    // Kepler: (151.2 + 97.92 + 12.6) MJ / 3.6 MJ per kWh = 72.70 kWh.
    expect(sum(K8S_ENERGY_ROWS.map((r) => r.energy)) / 3.6e6).toBeCloseTo(72.7, 9);
    expect(figure('Kubernetes energy (measured)', 'Energy')).toContain('72.70 kWh');
    // 14,532 g + 9,411.2 g = 23.94 kg; batch has no grid factor.
    expect(sum(K8S_CO2E_ROWS.map((r) => r.co2e)) / 1000).toBeCloseTo(23.9432, 9);
    expect(figure('Kubernetes CO2e (measured)', 'CO2e')).toContain('23.94 kgCO2e');
    expect(figure('Kubernetes CO2e (measured)', 'CO2e')).toContain('1 namespace without a grid factor left out');
    // 17.8 + 5.2 + 1.2 + 0.1 = 24.3 kg per month; 280.32 + 37.50 + 4.00 = 321.82 USD; 7 resources.
    expect(sum(IDLE_SUMMARY_ROWS.map((r) => r.monthlyKgCO2e))).toBeCloseTo(24.3, 9);
    expect(figure('Idle resources', 'CO2e per month')).toContain('24.3 kgCO2e');
    expect(figure('Idle resources', 'CO2e per month')).toContain('7 idle resources');
    expect(figure('Idle resources', 'Cost per month')).toContain('321.82 USD');
  });

  it('says which period each number covers', async () => {
    await setup({}, [PROD], `/?from=${Date.UTC(2025, 10, 1)}&to=${Date.UTC(2025, 10, 8)}`);
    expect(
      section('Cloud, AWS Cost Explorer').getByText(/Usage billed 2025-11-01 00:00 to 2025-11-08 00:00/)
    ).toBeInTheDocument();
    expect(section('Cloud, AWS Cost Explorer').getByText(/lags up to a day/)).toBeInTheDocument();
    expect(
      section('Kubernetes energy (measured)').getByText(/Measured 2025-11-01 00:00 to 2025-11-08 00:00/)
    ).toBeInTheDocument();
    expect(
      section('Idle resources').getByText(/Per month, at the rate seen over the 14 days to 2025-11-08 00:00/)
    ).toBeInTheDocument();
    const data = queryRequests()[0].data;
    expect([Number(data.from), Number(data.to)]).toEqual([Date.UTC(2025, 10, 1), Date.UTC(2025, 10, 8)]);
  });

  it('keeps the other numbers when one query fails, with the backend message', async () => {
    const message = 'No grid factor for region "moon-1": set a default region in the Prometheus settings';
    await setup({ results: { ...RESULTS, k8sCo2e: { status: 400, error: message } } });
    expect(
      section('Kubernetes CO2e (measured)').getByText('Could not load kubernetes co2e (measured)')
    ).toBeInTheDocument();
    expect(section('Kubernetes CO2e (measured)').getByText(message)).toBeInTheDocument();
    expect(figure('Kubernetes energy (measured)', 'Energy')).toContain('72.70 kWh');
    expect(figure('Idle resources', 'Cost per month')).toContain('321.82 USD');
  });

  it('keeps the other numbers when one request fails as a whole', async () => {
    await setup({ down: 'cloudAws' });
    expect(section('Cloud, AWS Cost Explorer').getByText('Bad Gateway: plugin unavailable')).toBeInTheDocument();
    expect(figure('Cloud, FOCUS exports', 'Cost')).toContain('3,112.43 USD');
  });

  it('queries again over the range in the URL and on Refresh', async () => {
    await setup({}, [PROD], '/?from=now-30d&to=now');
    const first = queryRequests()[0].data;
    expect(Number(first.to) - Number(first.from)).toBe(30 * DAY);
    const count = queryRequests().length;
    await act(async () => screen.getByRole('button', { name: /Refresh/ }).click());
    expect(queryRequests().length).toBe(count * 2);
  });
});

describe('OverviewPage: links', () => {
  const ROOT = path.resolve(__dirname, '../../../..');
  const dashboards = readdirSync(path.join(ROOT, 'dashboards'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(ROOT, 'dashboards', f), 'utf8')) as { uid: string; title: string });

  it('links to every dashboard file by uid, with or without a data source', async () => {
    for (const dataSources of [[PROD], []]) {
      await setup({}, dataSources);
      const links = section('Dashboards').getAllByRole('link');
      expect(links.map((a) => a.getAttribute('href')).sort()).toEqual(dashboards.map((d) => `/d/${d.uid}`).sort());
      for (const d of dashboards) {
        const title = d.title.replace('GreenOps Carbon / ', '');
        expect(section('Dashboards').getByRole('link', { name: title })).toHaveAttribute('href', `/d/${d.uid}`);
      }
      document.body.innerHTML = '';
    }
  });

  it('links to Explore, the Recommendations page and the settings of the selected data source', async () => {
    await setup({}, [PROD, LAB], '/?ds=lab');
    expect(screen.getByRole('link', { name: /Recommendations/ })).toHaveAttribute(
      'href',
      '/a/greenops-carbon-app/recommendations?ds=lab'
    );
    expect(screen.getByRole('link', { name: /Explore/ }).getAttribute('href')).toMatch(/^\/explore\?.*%22lab%22/);
    expect(screen.getByRole('link', { name: /Settings/ })).toHaveAttribute('href', '/connections/datasources/edit/lab');
    expect(refIdsQueried()).toEqual(['cloudFocus']);
  });
});
