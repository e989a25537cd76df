import React from 'react';
import { Alert, LinkButton, LoadingPlaceholder, Stack } from '@grafana/ui';

import { datasourceSettingsUrl } from '../../constants';
import type { Totals } from './findings';
import { SavingsTotals } from './SavingsTotals';
import type { Section } from './useFindings';

interface Props {
  title: string;
  /** Lower case, for messages: "idle resources". */
  what: string;
  caption: string;
  datasource: { uid: string; name: string };
  loading: boolean;
  section: Section<unknown>;
  /** Rows left after the filters. */
  shown: number;
  totals: Totals;
  /** Why the filters hide every row, when that is not obvious. */
  hiddenBecause?: string;
  /** The table, rendered when there are rows to show. */
  children: React.ReactNode;
}

/** One query's part of the page: its loading, error, not-configured and empty states, totals and table. */
export function FindingsSection(props: Props) {
  const { title, what, datasource, section } = props;
  const settingsLink = (
    <LinkButton variant="secondary" size="sm" icon="cog" href={datasourceSettingsUrl(datasource.uid)}>
      Data source settings
    </LinkButton>
  );
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <Stack direction="column" gap={1}>
        {section.notices.map((n, i) => (
          <Alert key={i} severity={n.severity === 'error' ? 'error' : n.severity} title={n.text} />
        ))}
        {body(props, settingsLink)}
      </Stack>
    </section>
  );

  function body({ loading, shown, totals, caption, hiddenBecause, children }: Props, link: React.ReactNode) {
    if (loading) {
      return <LoadingPlaceholder text={`Loading ${what}...`} />;
    }
    if (section.notConfigured) {
      return (
        <Alert severity="info" title={`${title}: nothing to query in ${datasource.name}`}>
          <p>{section.notConfigured}</p>
          {link}
        </Alert>
      );
    }
    if (section.error) {
      return (
        <Alert severity="error" title={`Could not load ${what}`}>
          <p>{section.error}</p>
          {link}
        </Alert>
      );
    }
    if (section.rows.length === 0) {
      return <Alert severity="success" title={`No ${what} found in ${datasource.name}`} />;
    }
    return (
      <>
        <SavingsTotals label={`${title} totals`} totals={totals} caption={caption} />
        {shown === 0 ? (
          <Alert severity="info" title={`No ${what} match the filters`}>
            {hiddenBecause}
          </Alert>
        ) : (
          children
        )}
      </>
    );
  }
}
