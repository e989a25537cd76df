import React, { useState } from 'react';
import { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { Alert, Button, FieldSet } from '@grafana/ui';

/** The app has no settings of its own yet; the datasource holds them. */
export type AppSettings = Record<string, unknown>;

export interface AppConfigProps extends PluginConfigPageProps<AppPluginMeta<AppSettings>> {}

const AppConfig = ({ plugin }: AppConfigProps) => {
  const { id, enabled, jsonData } = plugin.meta;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  const setEnabled = async (enable: boolean) => {
    setSaving(true);
    setError(undefined);
    try {
      // Pinned together with enabled, so the app shows up in (and leaves) the navigation.
      await getBackendSrv().post(`/api/plugins/${id}/settings`, { enabled: enable, pinned: enable, jsonData });
      // Grafana reads plugin settings at page load only; reloading is the supported way to apply them.
      window.location.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : ((e as { data?: { message?: string } })?.data?.message ?? String(e)));
      setSaving(false);
    }
  };

  return (
    <FieldSet label={enabled ? 'GreenOps Carbon is enabled' : 'GreenOps Carbon is disabled'}>
      <p>
        {enabled
          ? 'Its pages are in the navigation. Disabling the app removes them.'
          : 'Enable the app to add its pages to the navigation and to use the GreenOps Carbon data source.'}
      </p>
      {enabled ? (
        <Button variant="destructive" disabled={saving} onClick={() => setEnabled(false)}>
          Disable
        </Button>
      ) : (
        <Button variant="primary" disabled={saving} onClick={() => setEnabled(true)}>
          Enable
        </Button>
      )}
      {error && (
        <Alert severity="error" title="Could not update the plugin settings">
          {error}
        </Alert>
      )}
    </FieldSet>
  );
};

export default AppConfig;
