import React, { useMemo, useState } from 'react';
import { SelectableValue } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, Button, InlineField, InlineFieldRow, LinkButton, RadioButtonGroup, Stack } from '@grafana/ui';
import { useSearchParams } from 'react-router-dom';

import { NEW_DATASOURCE_URL } from '../../constants';
import { carbonDataSources, pickDataSource } from '../shared/dataSources';
import { DatasourceSelect } from '../shared/DatasourceSelect';
import { FindingFiltersBar } from './FindingFiltersBar';
import { matches, NO_FILTERS, recommendationTotals, zombieTotals } from './findings';
import { FindingsSection } from './FindingsSection';
import { RecommendationTable } from './RecommendationTable';
import { useFindings } from './useFindings';
import { ZombieTable } from './ZombieTable';

/** Windows offered; 14 days matches the idle rule's evidence window and Cost Explorer's lookback. */
const WINDOWS: Array<SelectableValue<number>> = [
  { value: 7, label: 'Last 7 days' },
  { value: 14, label: 'Last 14 days' },
  { value: 30, label: 'Last 30 days' },
];
const DEFAULT_DAYS = 14;

/** What each section is called, in titles and in messages, and what its totals mean. */
const IDLE_TEXT = { title: 'Idle resources', what: 'idle resources', caption: 'what they waste per month' };
const RECOMMENDATIONS_TEXT = {
  title: 'Recommendations',
  what: 'recommendations',
  caption: 'what they would save per month',
};

const distinct = (values: string[]) => [...new Set(values.filter(Boolean))].sort();

/**
 * Idle resources and carbon recommendations of one GreenOps data source, filtered together, with what the
 * shown rows waste or would save per month. The data source and window live in the URL (?ds=&days=).
 */
export function RecommendationsPage() {
  const [params, setParams] = useSearchParams();
  const dataSources = useMemo(() => carbonDataSources(), []);
  const ds = pickDataSource(dataSources, params.get('ds'));
  const days = WINDOWS.some((w) => w.value === Number(params.get('days'))) ? Number(params.get('days')) : DEFAULT_DAYS;
  const [reload, setReload] = useState(0);
  const [filters, setFilters] = useState(NO_FILTERS);
  const findings = useFindings(ds, days, reload);

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(name, value);
    setParams(next, { replace: true });
  };

  const zombies = findings.zombies.rows.filter((r) => matches(r, filters));
  // Recommendations have no namespace; `matches` hides them while a namespace is picked.
  const recommendations = findings.recommendations.rows.filter((r) => matches(r, filters));
  const all = [...findings.zombies.rows, ...findings.recommendations.rows];

  if (!ds) {
    return (
      <PluginPage>
        <Alert severity="info" title="No GreenOps Carbon data source yet">
          <p>
            Recommendations are computed from a GreenOps Carbon data source with AWS Cost Explorer, FOCUS exports or
            Prometheus set up.
          </p>
          <LinkButton href={NEW_DATASOURCE_URL} icon="plus">
            Add data source
          </LinkButton>
        </Alert>
      </PluginPage>
    );
  }

  const common = { datasource: ds, loading: findings.loading };
  return (
    <PluginPage>
      <Stack direction="column" gap={2}>
        <InlineFieldRow>
          <DatasourceSelect
            inputId="recommendations-datasource"
            dataSources={dataSources}
            value={ds.uid}
            onChange={(uid) => setParam('ds', uid)}
          />
          <InlineField label="Window" labelWidth={10}>
            <RadioButtonGroup<number>
              options={WINDOWS}
              value={days}
              onChange={(value) => setParam('days', String(value))}
            />
          </InlineField>
          <Button variant="secondary" icon="sync" onClick={() => setReload((n) => n + 1)} disabled={findings.loading}>
            Refresh
          </Button>
        </InlineFieldRow>
        {findings.error ? (
          <Alert severity="error" title={`Could not query ${ds.name}`}>
            {findings.error}
          </Alert>
        ) : (
          <>
            <FindingFiltersBar
              filters={filters}
              kinds={distinct(all.map((r) => r.kind))}
              providers={distinct(all.map((r) => r.provider))}
              regions={distinct(all.map((r) => r.region))}
              namespaces={distinct(findings.zombies.rows.map((r) => r.namespace))}
              onChange={setFilters}
            />
            <FindingsSection
              {...IDLE_TEXT}
              {...common}
              section={findings.zombies}
              shown={zombies.length}
              totals={zombieTotals(zombies)}
            >
              <ZombieTable rows={zombies} />
            </FindingsSection>
            <FindingsSection
              {...RECOMMENDATIONS_TEXT}
              {...common}
              section={findings.recommendations}
              shown={recommendations.length}
              totals={recommendationTotals(recommendations)}
              hiddenBecause={
                filters.namespace
                  ? 'Recommendations have no namespace: clear the namespace filter to see them.'
                  : undefined
              }
            >
              <RecommendationTable rows={recommendations} />
            </FindingsSection>
          </>
        )}
      </Stack>
    </PluginPage>
  );
}
