import React from 'react';
import { css } from '@emotion/css';
import { DataSourceInstanceSettings, GrafanaTheme2 } from '@grafana/data';
import { getDataSourceSrv, PluginPage } from '@grafana/runtime';
import { Alert, LinkButton, Stack, useStyles2 } from '@grafana/ui';

import { QUERY_TYPE_INFO } from '../../datasource/queryTypeInfo';
import { DEFAULT_QUERY, QUERY_TYPES } from '../../datasource/types';
import { APP_URL, DATASOURCE_TYPE, datasourceSettingsUrl, NEW_DATASOURCE_URL, ROUTES } from '../constants';

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

/** The app's landing page: what it does, its data sources and query types. */
export function OverviewPage() {
  const styles = useStyles2(getStyles);
  const dataSources = getDataSourceSrv().getList({ pluginId: DATASOURCE_TYPE });

  return (
    <PluginPage>
      <Stack direction="column" gap={3}>
        <p className={styles.intro}>
          GreenOps Carbon shows the energy and carbon (CO2e) of cloud and Kubernetes estates next to what they cost. Its
          data source runs every query in the plugin backend, so the same queries work in dashboards, Explore and alert
          rules.
        </p>

        {dataSources.length === 0 ? (
          <Alert severity="info" title="No GreenOps Carbon data source yet">
            <p>Add one to start querying; grid carbon intensity needs no credentials.</p>
            <LinkButton href={NEW_DATASOURCE_URL} icon="plus">
              Add data source
            </LinkButton>
          </Alert>
        ) : (
          <section aria-label="Data sources">
            <h3>Data sources</h3>
            <Stack direction="column" gap={1}>
              {dataSources.map((ds) => (
                <Stack key={ds.uid} direction="row" gap={1} alignItems="center">
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
              ))}
            </Stack>
          </section>
        )}

        <section aria-label="Query types">
          <h3>Query types</h3>
          <table className={styles.table}>
            <thead>
              <tr>
                <th>Query type</th>
                <th>Returns</th>
              </tr>
            </thead>
            <tbody>
              {QUERY_TYPES.map((type) => (
                <tr key={type}>
                  <td>
                    {QUERY_TYPE_INFO[type].label} <code>{type}</code>
                  </td>
                  <td>{QUERY_TYPE_INFO[type].description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </Stack>
    </PluginPage>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  intro: css({ maxWidth: '80ch' }),
  name: css({ fontWeight: theme.typography.fontWeightMedium, minWidth: '16ch' }),
  table: css({
    borderCollapse: 'collapse',
    'th, td': {
      padding: theme.spacing(1, 2),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
      verticalAlign: 'top',
    },
  }),
});
