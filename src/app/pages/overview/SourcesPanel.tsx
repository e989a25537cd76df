import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Alert, LoadingPlaceholder, useStyles2 } from '@grafana/ui';

import type { EpochRange } from '../shared/backendRequest';
import { useRequest } from '../shared/useRequest';
import { configuredSources } from './configuredSources';
import { ExporterList } from './ExporterList';
import { health$ } from './health';
import type { OverviewDatasource } from './types';

interface Props {
  ds: OverviewDatasource;
  range: EpochRange;
  /** Changes on Refresh, to check health again. */
  reload: number;
}

/** The datasource's health, the sources it has set up, and the exporters found in its Prometheus. */
export function SourcesPanel({ ds, range, reload }: Props) {
  const styles = useStyles2(getStyles);
  const healthRequest = useMemo(() => () => health$(ds.uid), [ds.uid]);
  const health = useRequest(healthRequest, reload);
  const sources = useMemo(() => configuredSources(ds.jsonData), [ds.jsonData]);
  const prometheus = sources.find((s) => s.id === 'prometheus')?.configured;

  return (
    <section aria-label="Sources">
      <h3>Sources</h3>
      {health.loading ? (
        <LoadingPlaceholder text="Checking health..." />
      ) : health.value ? (
        <Alert severity={health.value.ok ? 'success' : 'error'} title={health.value.ok ? 'Healthy' : 'Unhealthy'}>
          {health.value.message}
        </Alert>
      ) : (
        <Alert severity="warning" title="Could not check health">
          {health.error}
        </Alert>
      )}
      <ul aria-label="Configured sources" className={styles.list}>
        {sources.map((s) => (
          <li key={s.id} aria-label={s.name} className={s.configured ? undefined : styles.off}>
            <strong>{s.name}</strong>: {s.configured ? 'configured' : 'not configured'}
            <ul>
              {s.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {prometheus && (
        <>
          <h4>Exporters in Prometheus</h4>
          <ExporterList uid={ds.uid} range={range} />
        </>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ listStyle: 'none', padding: 0, margin: theme.spacing(1, 0), ul: { color: theme.colors.text.secondary } }),
  off: css({ color: theme.colors.text.secondary }),
});
