import React from 'react';
import { SelectableValue } from '@grafana/data';
import { Alert, InlineField, InlineFieldRow, MultiSelect } from '@grafana/ui';

import { defaultBillingSource } from '../../../shared/queryTypes/settingsSummary';
import { CloudRecommendationsQuery, RECOMMENDATION_KINDS, RecommendationKind } from '../../types';
import { BillingFiltersField, MethodologyField, SourceField } from '../BillingFields';
import { useQueryUpdate } from '../energy/fields';
import { FormatField, LABEL_WIDTH, pickedValues, RecommendationEditorProps } from './fields';
import { RECOMMENDATION_KIND_LABELS, WHERE_SETTINGS } from './labels';

/** Region switch and rightsizing; empty kinds = all that the configured sources support. */
export function CloudRecommendationsEditor({
  query,
  datasource,
  onChange,
  onRunQuery,
}: RecommendationEditorProps<CloudRecommendationsQuery>) {
  const { settingsSummary: settings } = datasource;
  const { update } = useQueryUpdate(query, onChange, onRunQuery);
  const anyBilling = settings.billingSources.awsCostExplorer || settings.billingSources.focus;
  // The backend takes the first configured source when none is stored; show that one as picked.
  const shownSource = query.source ?? (anyBilling ? defaultBillingSource(settings) : undefined);

  const kindOptions = RECOMMENDATION_KINDS.map((value) => ({
    value,
    label: RECOMMENDATION_KIND_LABELS[value].label,
    description:
      value === 'rightsizing' && !settings.billingSources.awsCostExplorer
        ? `Needs AWS Cost Explorer: set it up ${WHERE_SETTINGS}`
        : RECOMMENDATION_KIND_LABELS[value].description,
  }));
  const rightsizingWithoutAws = query.kinds?.includes('rightsizing') && !settings.billingSources.awsCostExplorer;

  return (
    <>
      <InlineFieldRow>
        <InlineField
          label="Kinds"
          labelWidth={LABEL_WIDTH}
          tooltip="All kinds the configured sources support when empty. Ranked by CO2e saved per month."
        >
          <MultiSelect<RecommendationKind>
            inputId={`carbon-recommendation-kinds-${query.refId}`}
            options={kindOptions}
            value={query.kinds ?? []}
            placeholder="All kinds"
            width={40}
            onChange={(items: Array<SelectableValue<RecommendationKind>>) => update({ kinds: pickedValues(items) })}
          />
        </InlineField>
      </InlineFieldRow>
      {rightsizingWithoutAws && (
        <Alert severity="warning" title="Rightsizing needs AWS Cost Explorer">
          Set up &quot;AWS Cost Explorer&quot; {WHERE_SETTINGS}, or remove rightsizing from the kinds.
        </Alert>
      )}
      {anyBilling ? (
        <SourceField query={{ source: shownSource }} settings={settings} onChange={(source) => update({ source })} />
      ) : (
        <Alert severity="warning" title="No billing source">
          Region switches are computed from billing usage: set up &quot;AWS Cost Explorer&quot; or &quot;FOCUS
          exports&quot; {WHERE_SETTINGS}.
        </Alert>
      )}
      <InlineFieldRow>
        <MethodologyField value={query.methodology} onChange={(methodology) => update({ methodology })} />
        <FormatField value={query.format} onChange={(format) => update({ format })} />
      </InlineFieldRow>
      <BillingFiltersField query={query} datasource={datasource} onChange={(filters) => update({ filters })} />
    </>
  );
}
