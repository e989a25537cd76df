import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { TextLink, useStyles2 } from '@grafana/ui';

import { BUNDLED_DASHBOARDS, DashboardSource, dashboardUrl, shortTitle } from './dashboards';
import type { ConfiguredSource } from './configuredSources';

interface Props {
  /** The selected datasource's sources, to say which dashboards will stay empty; none when there is no datasource. */
  sources?: ConfiguredSource[];
}

const NEEDS: Record<DashboardSource, string> = {
  none: '',
  billing: 'needs AWS Cost Explorer or FOCUS exports',
  prometheus: 'needs Prometheus',
  billingOrPrometheus: 'needs AWS Cost Explorer or Prometheus',
};

function hasData(source: DashboardSource, configured: Set<string>): boolean {
  const billing = configured.has('awsCostExplorer') || configured.has('focus');
  switch (source) {
    case 'none':
      return true;
    case 'billing':
      return billing;
    case 'prometheus':
      return configured.has('prometheus');
    case 'billingOrPrometheus':
      return configured.has('awsCostExplorer') || configured.has('prometheus');
  }
}

/** Every dashboard bundled with the app, with what it needs when the selected datasource lacks it. */
export function DashboardLinks({ sources }: Props) {
  const styles = useStyles2(getStyles);
  const configured = new Set((sources ?? []).filter((s) => s.configured).map((s) => s.id));
  return (
    <section aria-label="Dashboards">
      <h3>Dashboards</h3>
      <ul className={styles.list}>
        {BUNDLED_DASHBOARDS.map((d) => (
          <li key={d.uid}>
            <TextLink href={dashboardUrl(d.uid)} inline={false}>
              {shortTitle(d.title)}
            </TextLink>
            {sources && !hasData(d.source, configured) && <span className={styles.needs}> ({NEEDS[d.source]})</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ listStyle: 'none', padding: 0, 'li + li': { marginTop: theme.spacing(0.5) } }),
  needs: css({ color: theme.colors.text.secondary }),
});
