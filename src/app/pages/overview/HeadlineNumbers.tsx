import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Stack, useStyles2 } from '@grafana/ui';

import type { EpochRange } from '../shared/backendRequest';
import { HeadlineCard } from './HeadlineCard';
import { planHeadlines } from './headlines';
import type { OverviewDatasource } from './types';

interface Props {
  ds: OverviewDatasource;
  range: EpochRange;
}

/** The headline numbers of the selected range, each from its own query, each only when its source is set up. */
export function HeadlineNumbers({ ds, range }: Props) {
  const styles = useStyles2(getStyles);
  const plans = useMemo(() => planHeadlines(ds), [ds]);
  const runnable = plans.filter((p) => p.query);
  const missing = plans.filter((p) => p.notConfigured);
  return (
    <section aria-label="Headline numbers">
      <h3>Headline numbers</h3>
      {runnable.length > 0 ? (
        <Stack direction="row" gap={2} wrap="wrap">
          {runnable.map((plan) => (
            <HeadlineCard key={plan.id} ds={ds} plan={plan} range={range} />
          ))}
        </Stack>
      ) : (
        <p>No billing source or Prometheus is set up yet, so there is nothing to add up.</p>
      )}
      {missing.length > 0 && (
        <ul aria-label="Numbers not configured" className={styles.missing}>
          {missing.map((p) => (
            <li key={p.id}>
              {p.title}: {p.notConfigured}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  missing: css({ color: theme.colors.text.secondary, marginTop: theme.spacing(1), paddingLeft: theme.spacing(2) }),
});
