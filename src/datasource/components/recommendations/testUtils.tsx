/** Shared by the recommendation editor tests; not bundled (nothing in the plugin imports it). */
import React, { useState } from 'react';
import { render } from '@testing-library/react';

import { summariseSettings } from '../../queryTypeInfo';
import type { CarbonDataSourceOptions } from '../../types';
import { settle } from '../energy/testUtils';
import type { RecommendationEditorProps, RecommendationEditorSource } from './fields';

export const ALL_SOURCES: CarbonDataSourceOptions = {
  aws: { authType: 'default' },
  focus: { paths: ['/data/focus'] },
  prometheus: { url: 'http://prometheus:9090' },
};

export function fakeSource(jsonData: CarbonDataSourceOptions = ALL_SOURCES): RecommendationEditorSource {
  return {
    settingsSummary: summariseSettings(jsonData),
    getVariables: () => ['$namespace'],
    getNamespaces: jest.fn(() => Promise.resolve(['jobs', 'shop'])),
  };
}

/** Keeps the query in state as Grafana does, so typing accumulates. */
export async function renderEditor<Q>(
  Editor: (props: RecommendationEditorProps<Q>) => React.ReactElement | null,
  query: Q,
  datasource: RecommendationEditorSource = fakeSource()
) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  function Harness() {
    const [current, setCurrent] = useState(query);
    const change = (next: Q) => {
      onChange(next);
      setCurrent(next);
    };
    return <Editor query={current} datasource={datasource} onChange={change} onRunQuery={onRunQuery} />;
  }
  render(<Harness />);
  await settle();
  const last = (): Q => onChange.mock.calls[onChange.mock.calls.length - 1][0];
  return { onChange, onRunQuery, last };
}
