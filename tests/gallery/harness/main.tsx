/**
 * The gallery's page: mounts one view of the plugin (a query editor, the datasource's config page, an app page
 * or app config page) inside the real @grafana/ui theme, with the components taken from the plugins'
 * exports (src/datasource/module.ts, src/module.tsx) as Grafana takes them, so the harness keeps working
 * when the views change. `/gallery?scene=<id>&theme=dark|light` shows one view; app pages are served at
 * their own path (`/a/<app id>/...?theme=`). `window.gallery` lists the views, shows one in place of the
 * last (`show(id)`) and says which is mounted.
 */
import React, { useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import {
  type AppPluginMeta,
  createTheme,
  type DataSourceInstanceSettings,
  type DataSourceSettings,
  getDefaultTimeRange,
  PluginType,
  ThemeContext,
} from '@grafana/data';
import { locationService, LocationServiceProvider } from '@grafana/runtime';
import { GlobalStyles, PortalContainer } from '@grafana/ui';
import { Route, Routes, unstable_HistoryRouter as HistoryRouter } from 'react-router-dom';

import type { CarbonDataSource } from '../../../src/datasource/datasource';
import { plugin as dataSourcePlugin } from '../../../src/datasource/module';
import type { CarbonDataSourceOptions, CarbonQuery, CarbonSecureJsonData } from '../../../src/datasource/types';
import dataSourceJson from '../../../src/datasource/plugin.json';
import { plugin as appPlugin } from '../../../src/module';
import appJson from '../../../src/plugin.json';
import { QUERY_TYPES } from '../../../src/shared/queryTypes';
import { defaultsFor } from '../../../src/datasource/queryTypeInfo';
import { summariseSettings } from '../../../src/datasource/settingsSummary';
import { type BridgeSettings, pluginMeta, setUpRuntime } from './runtime';

interface GallerySettings extends BridgeSettings {
  /** A filled-in query per query type (tests/gallery/filledQueries.ts). */
  filled: Record<string, Record<string, unknown>>;
}

interface Scene {
  id: string;
  /** Where the page shows it. */
  url: string;
  render?: () => React.ReactElement;
}

declare global {
  interface Window {
    gallery?: {
      scenes: Array<{ id: string; url: string }>;
      show?: (id: string) => void;
      mounted?: string;
      error?: string;
    };
  }
}

const APP_URL = `/a/${appJson.id}`;

function QueryEditorView({ ds, initial }: { ds: CarbonDataSource; initial: CarbonQuery }) {
  const Editor = dataSourcePlugin.components.QueryEditor;
  const [query, setQuery] = useState(initial);
  if (!Editor) {
    throw new Error('the datasource plugin has no QueryEditor');
  }
  return (
    <Editor
      datasource={ds}
      query={query}
      onChange={setQuery}
      onRunQuery={() => {}}
      range={getDefaultTimeRange()}
      queries={[query]}
    />
  );
}

type Settings = DataSourceInstanceSettings<CarbonDataSourceOptions>;

function ConfigEditorView({ settings }: { settings: Settings }) {
  const Editor = dataSourcePlugin.components.ConfigEditor;
  const [options, setOptions] = useState<DataSourceSettings<CarbonDataSourceOptions, CarbonSecureJsonData>>({
    id: settings.id ?? 1,
    uid: settings.uid,
    orgId: 1,
    name: settings.name,
    typeLogoUrl: '',
    type: settings.type,
    typeName: settings.meta.name,
    access: 'proxy',
    url: '',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: true,
    jsonData: settings.jsonData,
    secureJsonFields: {},
    readOnly: false,
    withCredentials: false,
  });
  if (!Editor) {
    throw new Error('the datasource plugin has no ConfigEditor');
  }
  return <Editor options={options} onOptionsChange={setOptions} />;
}

function scenesFor(settings: GallerySettings, ds: () => CarbonDataSource, dsSettings: Settings) {
  const summary = summariseSettings(settings.jsonData);
  const scenes: Scene[] = [];
  for (const type of QUERY_TYPES) {
    for (const [state, fields] of [
      ['empty', defaultsFor(type, summary)],
      ['filled', settings.filled[type]],
    ] as const) {
      // The filled ones come from JSON (dashboards/*.json), as Grafana reads saved queries.
      const query = {
        refId: 'A',
        datasource: { type: dsSettings.type, uid: dsSettings.uid },
        ...fields,
      } as CarbonQuery;
      scenes.push({
        id: `query-${type}-${state}`,
        url: `/gallery?scene=query-${type}-${state}`,
        render: () => <QueryEditorView ds={ds()} initial={query} />,
      });
    }
  }
  scenes.push({
    id: 'datasource-config',
    url: '/gallery?scene=datasource-config',
    render: () => <ConfigEditorView settings={dsSettings} />,
  });
  const appMeta: AppPluginMeta = { ...pluginMeta(appJson, PluginType.app), enabled: true, jsonData: {} };
  appPlugin.meta = appMeta;
  for (const page of appPlugin.configPages ?? []) {
    const Body = page.body;
    scenes.push({
      id: `app-config-${page.id}`,
      url: `/gallery?scene=app-config-${page.id}`,
      render: () => <Body plugin={appPlugin} query={{}} />,
    });
  }
  for (const include of appJson.includes ?? []) {
    const path = 'path' in include ? include.path : undefined;
    if (include.type === 'page' && path?.startsWith(APP_URL)) {
      scenes.push({ id: `app-${include.name.toLowerCase().replace(/\W+/g, '-')}`, url: path });
    }
  }
  return { scenes, appMeta };
}

function AppView({ meta }: { meta: AppPluginMeta }) {
  const Root = appPlugin.root;
  if (!Root) {
    throw new Error('the app plugin has no root page');
  }
  return (
    <LocationServiceProvider service={locationService}>
      <HistoryRouter history={locationService.getHistory()}>
        <Routes>
          <Route
            path={`${APP_URL}/*`}
            element={<Root meta={meta} basename={APP_URL} path={APP_URL} query={{}} onNavChanged={() => {}} />}
          />
        </Routes>
      </HistoryRouter>
    </LocationServiceProvider>
  );
}

async function main() {
  const params = new URLSearchParams(window.location.search);
  const themeName = params.get('theme') === 'light' ? 'light' : 'dark';
  const theme = createTheme({ colors: { mode: themeName } });
  const settings = (await (await fetch('/gallery/settings.json')).json()) as GallerySettings;
  const dsSettings: Settings = {
    id: settings.id,
    uid: settings.uid,
    name: settings.name,
    type: dataSourceJson.id,
    meta: pluginMeta(dataSourceJson, PluginType.datasource),
    jsonData: settings.jsonData as CarbonDataSourceOptions,
    access: 'proxy',
    readOnly: false,
  };
  let instance: CarbonDataSource | undefined;
  const ds = () => {
    const DataSourceClass = dataSourcePlugin.DataSourceClass;
    instance ??= new DataSourceClass(dsSettings);
    instance.meta ??= dsSettings.meta;
    return instance;
  };
  setUpRuntime(theme, dsSettings, ds);
  const { scenes, appMeta } = scenesFor(settings, ds, dsSettings);
  document.body.style.background = theme.colors.background.canvas;

  let root: Root | undefined;
  /** Replaces the view on the page: one page load serves every view of a theme. */
  const show = (id: string) => {
    const scene = scenes.find((s) => s.id === id);
    if (!scene) {
      throw new Error(`no view ${id}`);
    }
    root?.unmount();
    const url = new URL(scene.url, window.location.origin);
    url.searchParams.set('theme', themeName);
    locationService.push(url.pathname + url.search);
    window.scrollTo(0, 0);
    root = createRoot(document.getElementById('root')!);
    root.render(
      <ThemeContext.Provider value={theme}>
        <GlobalStyles />
        <main style={{ padding: theme.spacing(2) }}>{scene.render ? scene.render() : <AppView meta={appMeta} />}</main>
        <PortalContainer />
      </ThemeContext.Provider>
    );
    window.gallery!.mounted = id;
  };
  window.gallery = { scenes: scenes.map(({ id, url }) => ({ id, url })), show };
  const first = window.location.pathname.startsWith(APP_URL)
    ? scenes.find((s) => s.url === window.location.pathname)?.id
    : params.get('scene');
  if (first) {
    show(first);
  }
}

main().catch((e: Error) => {
  window.gallery = { scenes: window.gallery?.scenes ?? [], error: e.stack ?? e.message };
  console.error(e);
});
