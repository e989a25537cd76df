/** Shared by the recommendation editor tests; not bundled (nothing in the plugin imports it). */
import React from 'react';

import { summariseSettings } from '../../settingsSummary';
import type { CarbonDataSourceOptions } from '../../types';
import { renderStatefulEditor } from '../testUtils';
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

export function renderEditor<Q>(
  Editor: (props: RecommendationEditorProps<Q>) => React.ReactElement | null,
  query: Q,
  datasource: RecommendationEditorSource = fakeSource()
) {
  return renderStatefulEditor(Editor, query, datasource);
}
