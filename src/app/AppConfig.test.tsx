import React from 'react';
import { PluginType } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import AppConfig, { AppConfigProps } from './AppConfig';

const post = jest.fn();

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ post }),
}));

const reload = jest.fn();
const originalLocation = window.location;

function renderConfig(enabled: boolean) {
  const plugin = {
    meta: {
      id: 'greenops-carbon-app',
      name: 'GreenOps Carbon',
      type: PluginType.app,
      enabled,
      pinned: enabled,
      jsonData: { keep: 'me' },
    },
  } as unknown as AppConfigProps['plugin'];
  render(<AppConfig plugin={plugin} query={{}} />);
}

describe('AppConfig', () => {
  beforeAll(() => {
    // jsdom cannot reload; replace location so the reload after saving is observable.
    Object.defineProperty(window, 'location', { configurable: true, value: { ...originalLocation, reload } });
  });
  afterAll(() => {
    Object.defineProperty(window, 'location', { configurable: true, value: originalLocation });
  });
  beforeEach(() => {
    post.mockReset();
    reload.mockReset();
  });

  it('enables and pins a disabled app, keeping its jsonData, then reloads', async () => {
    post.mockResolvedValue({});
    renderConfig(false);
    expect(screen.getByText('GreenOps Carbon is disabled')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Enable' }));

    expect(post).toHaveBeenCalledWith('/api/plugins/greenops-carbon-app/settings', {
      enabled: true,
      pinned: true,
      jsonData: { keep: 'me' },
    });
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('disables an enabled app', async () => {
    post.mockResolvedValue({});
    renderConfig(true);

    await userEvent.click(screen.getByRole('button', { name: 'Disable' }));

    expect(post).toHaveBeenCalledWith('/api/plugins/greenops-carbon-app/settings', {
      enabled: false,
      pinned: false,
      jsonData: { keep: 'me' },
    });
  });

  it('shows why saving failed and does not reload', async () => {
    post.mockRejectedValue({ status: 403, data: { message: 'Permission denied' } });
    renderConfig(false);

    await userEvent.click(screen.getByRole('button', { name: 'Enable' }));

    expect(await screen.findByText('Permission denied')).toBeInTheDocument();
    expect(screen.getByText('Could not update the plugin settings')).toBeInTheDocument();
    expect(reload).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Enable' })).toBeEnabled();
  });
});
