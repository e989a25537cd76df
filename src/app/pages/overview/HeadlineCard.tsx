import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Alert, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { map } from 'rxjs';

import { EpochRange, QueryResult, runQueries$ } from '../shared/backendRequest';
import type { CarbonSettings } from '../shared/dataSources';
import { formatNumber } from '../shared/format';
import { useRequest } from '../shared/useRequest';
import { figures, HeadlinePlan, periodText, warnings } from './headlines';

interface Props {
  /** The datasource the query runs through. */
  ds: CarbonSettings;
  plan: HeadlinePlan;
  range: EpochRange;
}

/** One headline (a query with its own request, so a failing source never hides the others) and its period. */
export function HeadlineCard({ ds, plan, range }: Props) {
  const styles = useStyles2(getStyles);
  const { query, id } = plan;
  const request = useMemo(
    () =>
      query
        ? () => runQueries$(ds, [query], range).pipe(map((results): QueryResult => results[query.refId]))
        : undefined,
    [ds, query, range]
  );
  const state = useRequest(request);
  const error = state.error ?? state.value?.error;

  return (
    <section aria-label={plan.title} className={styles.card}>
      <h4>{plan.title}</h4>
      {state.loading ? (
        <LoadingPlaceholder text="Loading..." />
      ) : error ? (
        <Alert severity="error" title={`Could not load ${plan.title.toLowerCase()}`}>
          {error}
        </Alert>
      ) : state.value ? (
        <>
          {figures(id, state.value.frames).map((f) => (
            <div key={f.label} role="group" aria-label={f.label} className={styles.figure}>
              <span className={styles.label}>{f.label}</span>
              <span className={styles.value}>
                {formatNumber(f.value, f.decimals)}
                {f.unit ? ` ${f.unit}` : ''}
              </span>
              {f.note && <span className={styles.muted}>{f.note}</span>}
            </div>
          ))}
          {warnings(state.value.frames).map((n) => (
            <p key={n.text} className={styles.warning}>
              {n.text}
            </p>
          ))}
        </>
      ) : null}
      <p className={styles.muted}>{periodText(id, range)}</p>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(2),
    minWidth: '28ch',
    maxWidth: '44ch',
    flex: '1 1 28ch',
  }),
  figure: css({ display: 'flex', flexDirection: 'column', marginBottom: theme.spacing(1) }),
  label: css({ color: theme.colors.text.secondary }),
  value: css({ fontSize: theme.typography.h3.fontSize, fontWeight: theme.typography.fontWeightMedium }),
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize, margin: 0 }),
  warning: css({ color: theme.colors.warning.text, fontSize: theme.typography.bodySmall.fontSize }),
});
