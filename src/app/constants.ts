import appPluginJson from '../plugin.json';
import dsPluginJson from '../datasource/plugin.json';

export const DATASOURCE_TYPE = dsPluginJson.id;

/** Where Grafana mounts the app; page paths in plugin.json start with it. */
export const APP_URL = `/a/${appPluginJson.id}`;

/** App routes, relative to APP_URL; each also needs a page in plugin.json `includes` to show in the navigation. */
export const ROUTES = {
  recommendations: 'recommendations',
} as const;

export const datasourceSettingsUrl = (uid: string) => `/connections/datasources/edit/${uid}`;
export const NEW_DATASOURCE_URL = '/connections/datasources/new';
