import React from 'react';
import { InlineFieldRow } from '@grafana/ui';

import { CloudTrendQuery } from '../types';
import {
  AccountingBasisField,
  BillingEditorSource,
  BillingFiltersField,
  MethodologyField,
  SourceField,
} from './BillingFields';

interface Props {
  query: CloudTrendQuery;
  datasource: BillingEditorSource;
  onChange: (query: CloudTrendQuery) => void;
  onRunQuery: () => void;
}

/** The comparison period follows from the time range, so the editor only narrows what is compared. */
export function CloudTrendEditor({ query, datasource, onChange, onRunQuery }: Props) {
  const update = (patch: Partial<CloudTrendQuery>) => {
    onChange({ ...query, ...patch });
    onRunQuery();
  };

  return (
    <>
      <SourceField query={query} settings={datasource.settingsSummary} onChange={(source) => update({ source })} />
      <InlineFieldRow>
        <MethodologyField value={query.methodology} onChange={(methodology) => update({ methodology })} />
        <AccountingBasisField
          value={query.accountingBasis}
          methodology={query.methodology}
          onChange={(accountingBasis) => update({ accountingBasis })}
        />
      </InlineFieldRow>
      <BillingFiltersField query={query} datasource={datasource} onChange={(filters) => update({ filters })} />
    </>
  );
}
