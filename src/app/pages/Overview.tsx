import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import { DataSourceInstanceSettings, GrafanaTheme2, RawTimeRange, TimeRange } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, Button, InlineField, InlineFieldRow, LinkButton, Stack, TimeRangeInput, useStyles2 } from '@grafana/ui';
import { useSearchParams } from 'react-router-dom';

import { DEFAULT_QUERY } from '../../datasource/types';
import { APP_URL, datasourceSettingsUrl, NEW_DATASOURCE_URL, ROUTES } from '../constants';
import { configuredSources } from './overview/configuredSources';
import { DashboardLinks } from './overview/DashboardLinks';
import { HeadlineNumbers } from './overview/HeadlineNumbers';
import { QueryTypesTable } from './overview/QueryTypesTable';
import { SourcesPanel } from './overview/SourcesPanel';
import { endParam, rawRangeFromParams, resolveRange } from './overview/timeRange';
import { carbonDataSources, pickDataSource } from './shared/dataSources';
import { DatasourceSelect } from './shared/DatasourceSelect';

/** Explore URL with one default query against the given datasource. */
export function exploreUrl(ds: Pick<DataSourceInstanceSettings, 'uid' | 'type'>): string {
  const panes = {
    a: {
      datasource: ds.uid,
      queries: [{ refId: 'A', datasource: { type: ds.type, uid: ds.uid }, ...DEFAULT_QUERY }],
      range: { from: 'now-1h', to: 'now' },
    },
  };
  return `/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify(panes))}`;
}

const rangeKey = (raw: RawTimeRange) => `${endParam(raw.from)}|${endParam(raw.to)}`;

/**
 * The app's landing page: the selected datasource's health and sources, the headline numbers of the selected
 * range, and links onwards. The datasource and range live in the URL (?ds=&from=&to=).
 */
export function OverviewPage() {
  const styles = useStyles2(getStyles);
  const [params, setParams] = useSearchParams();
  const dataSources = useMemo(() => carbonDataSources(), []);
  const ds = pickDataSource(dataSources, params.get('ds'));
  const raw = rawRangeFromParams(params);
  // Resolved once per range and per Refresh, so every request and every "period" line use the same instants.
  const [resolved, setResolved] = useState(() => ({ key: rangeKey(raw), reload: 0, ...resolveRange(raw) }));
  if (resolved.key !== rangeKey(raw)) {
    setResolved({ key: rangeKey(raw), reload: resolved.reload, ...resolveRange(raw) });
  }
  const refresh = () => setResolved({ key: rangeKey(raw), reload: resolved.reload + 1, ...resolveRange(raw) });
  const sources = useMemo(() => (ds ? configuredSources(ds.jsonData) : undefined), [ds]);

  const setParam = (values: Record<string, string>) => {
    const next = new URLSearchParams(params);
    Object.entries(values).forEach(([name, value]) => next.set(name, value));
    setParams(next, { replace: true });
  };
  const setRange = (range: TimeRange) => setParam({ from: endParam(range.raw.from), to: endParam(range.raw.to) });

  return (
    <PluginPage>
      <Stack direction="column" gap={3}>
        <p className={styles.intro}>
          GreenOps Carbon shows the energy and carbon (CO2e) of cloud and Kubernetes estates next to what they cost. Its
          data source runs every query in the plugin backend, so the same queries work in dashboards, Explore and alert
          rules.
        </p>

        {!ds ? (
          <Alert severity="info" title="No GreenOps Carbon data source yet">
            <p>Add one to start querying; grid carbon intensity needs no credentials.</p>
            <LinkButton href={NEW_DATASOURCE_URL} icon="plus">
              Add data source
            </LinkButton>
          </Alert>
        ) : (
          <>
            <InlineFieldRow>
              <DatasourceSelect
                inputId="overview-datasource"
                dataSources={dataSources}
                value={ds.uid}
                onChange={(uid) => setParam({ ds: uid })}
              />
              <InlineField label="Time range" labelWidth={12}>
                <TimeRangeInput value={resolved.timeRange} onChange={setRange} hideTimeZone />
              </InlineField>
              <Button variant="secondary" icon="sync" onClick={refresh}>
                Refresh
              </Button>
            </InlineFieldRow>
            <Stack direction="row" gap={1} alignItems="center">
              <span className={styles.name}>{ds.name}</span>
              <LinkButton variant="secondary" size="sm" icon="cog" href={datasourceSettingsUrl(ds.uid)}>
                Settings
              </LinkButton>
              <LinkButton variant="secondary" size="sm" icon="compass" href={exploreUrl(ds)}>
                Explore
              </LinkButton>
              <LinkButton
                variant="secondary"
                size="sm"
                icon="bolt"
                href={`${APP_URL}/${ROUTES.recommendations}?ds=${encodeURIComponent(ds.uid)}`}
              >
                Recommendations
              </LinkButton>
            </Stack>
            <HeadlineNumbers ds={ds} range={resolved.epoch} />
            <SourcesPanel ds={ds} range={resolved.epoch} reload={resolved.reload} />
          </>
        )}

        <DashboardLinks sources={sources} />
        <QueryTypesTable />
      </Stack>
    </PluginPage>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  intro: css({ maxWidth: '80ch' }),
  name: css({ fontWeight: theme.typography.fontWeightMedium, fontSize: theme.typography.h4.fontSize }),
});
