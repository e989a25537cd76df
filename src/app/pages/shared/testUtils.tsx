/** Test helpers (not bundled) for the app pages: routing as Grafana mounts them, and Grafana's HTTP answers. */
import React from 'react';
import { act, render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';

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
