import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Alert, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { map } from 'rxjs';

import { EpochRange, resource$ } from '../shared/backendRequest';
import { useRequest } from '../shared/useRequest';
import { QueryTypeUse, readExporters } from './exporters';

interface Props {
  uid: string;
  range: EpochRange;
}

const useText = (u: QueryTypeUse) => (u.available ? u.label : `${u.label} (not yet: ${u.reason ?? 'unavailable'})`);

/** The exporters the backend found in Prometheus over the range, and what each one makes possible. */
export function ExporterList({ uid, range }: Props) {
  const styles = useStyles2(getStyles);
  const request = useMemo(
    () => () =>
      resource$<unknown>(uid, 'exporters', { from: String(range.from), to: String(range.to) }).pipe(map(readExporters)),
    [uid, range]
  );
  const state = useRequest(request);

  if (state.loading) {
    return <LoadingPlaceholder text="Looking for exporters in Prometheus..." />;
  }
  if (state.error || !state.value) {
    return (
      <Alert severity="error" title="Could not discover exporters">
        {state.error}
      </Alert>
    );
  }
  const { exporters, unavailable } = state.value;
  return (
    <div>
      <table className={styles.table} aria-label="Exporters">
        <thead>
          <tr>
            <th>Exporter</th>
            <th>In Prometheus</th>
            <th>Enables</th>
          </tr>
        </thead>
        <tbody>
          {exporters.map((e) => (
            <tr key={e.id}>
              <td>{e.name}</td>
              <td title={e.evidence.join('\n')}>
                {e.present ? `Found${e.detail ? `: ${e.detail}` : ''}` : 'Not found'}
              </td>
              <td>{e.uses.map(useText).join(', ') || '-'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {unavailable.length > 0 && (
        <ul aria-label="Unavailable query types" className={styles.unavailable}>
          {unavailable.map((u) => (
            <li key={u.type}>
              {u.label}: {u.reason ?? 'the exporters it reads were not found'}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    borderCollapse: 'collapse',
    'th, td': {
      padding: theme.spacing(0.5, 2),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
      verticalAlign: 'top',
    },
  }),
  unavailable: css({ color: theme.colors.text.secondary, marginTop: theme.spacing(1), paddingLeft: theme.spacing(2) }),
});
