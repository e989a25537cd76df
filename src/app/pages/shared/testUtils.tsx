/**
 * Test helpers (not bundled) for the app pages: Grafana's services, routing as Grafana mounts the pages, and
 * Grafana's HTTP answers.
 */
import React from 'react';
import type { DataSourceInstanceSettings } from '@grafana/data';
import { act, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';

/** Stand-ins for the Grafana services the pages reach through @grafana/runtime; reset them in beforeEach. */
export const grafana = {
  /** getBackendSrv().fetch: every request a page sends, queries included (DataSourceWithBackend sends them). */
  fetch: jest.fn(),
};

/**
 * The data sources Grafana's boot data lists (config.datasources, keyed by name as Grafana keys it). The test's
 * mocked runtime module is the one the pages import, so this sets what they read.
 */
export function setDataSources(dataSources: DataSourceInstanceSettings[]) {
  const { config } = jest.requireMock<{ config: { datasources: Record<string, DataSourceInstanceSettings> } }>(
    '@grafana/runtime'
  );
  config.datasources = Object.fromEntries(dataSources.map((d) => [d.name, d]));
}

/**
 * The real @grafana/runtime with its services answered by `grafana`. A jest.mock factory may only require
 * modules, so a test file mocks the runtime with
 * `jest.mock('@grafana/runtime', () => jest.requireActual('<path>/shared/testUtils').runtimeWithFakes())`.
 * Outside a dashboard there are no variables: the template service returns text as it is.
 */
export function runtimeWithFakes() {
  const runtime = jest.requireActual('@grafana/runtime');
  // DataSourceWithBackend reaches the service through the runtime's own module, not through the mock.
  runtime.setBackendSrv({ fetch: (options: unknown) => grafana.fetch(options) });
  return {
    ...runtime,
    getBackendSrv: () => ({ fetch: grafana.fetch }),
    getTemplateSrv: () => ({ replace: (text: string) => text, getVariables: () => [] }),
  };
}

/** The plugin id of the data source, spelled out so that tests do not take it from the code under test. */
export const TYPE = 'greenops-carbon-datasource';

/** A GreenOps Carbon data source as Grafana's boot data lists it. */
export const carbonDataSource = (uid: string, name: string, jsonData: object) =>
  ({ uid, name, type: TYPE, jsonData }) as unknown as DataSourceInstanceSettings;

/** A section of the page by its label; by label rather than by role, as role queries are slow on tables. */
export const section = (name: string) => within(screen.getByLabelText(name, { selector: 'section' }));

/** React Router 7's behaviour, which Grafana opts into; also keeps the test output free of its warnings. */
export const ROUTER_FUTURE = { v7_startTransition: true, v7_relativeSplatPath: true };

/** Renders a page at `url` and lets its first requests answer. */
export async function renderPage(page: React.ReactElement, url: string) {
  const result = render(
    <MemoryRouter initialEntries={[url]} future={ROUTER_FUTURE}>
      {page}
    </MemoryRouter>
  );
  await act(async () => {});
  return result;
}

/** A FetchResponse of getBackendSrv().fetch. */
export const okResponse = <T,>(data: T) => ({ data, status: 200, ok: true, statusText: 'OK' });

/** Grafana's answer to a failed request: the HTTP status and the JSON body. */
export const httpError = (status: number, data: object) => ({ status, data, ok: false, statusText: '' });
