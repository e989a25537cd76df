import React from 'react';
import { AppRootProps } from '@grafana/data';
import { Route, Routes } from 'react-router-dom';

import { ROUTES } from './constants';
import { OverviewPage } from './pages/Overview';
import { RecommendationsPage } from './pages/recommendations/RecommendationsPage';

/**
 * One route per page, relative to the app's URL (Grafana mounts the app under /a/<plugin id>/*). A new page adds
 * a line here, a path in ROUTES and a page in plugin.json `includes`; anything unknown shows the overview.
 */
function App(_props: AppRootProps) {
  return (
    <Routes>
      <Route path={`${ROUTES.recommendations}/*`} element={<RecommendationsPage />} />
      <Route path="*" element={<OverviewPage />} />
    </Routes>
  );
}

export default App;
