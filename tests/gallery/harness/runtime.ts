/**
 * The parts of Grafana's frontend that @grafana/runtime leaves to the host application, set up the way
 * Grafana sets them: backendSrv sends every request to the gallery's bridge (same origin, Grafana's own
 * URLs), dataSourceSrv knows the one datasource, and runRequest runs panel queries through it. Only
 * what plugins reach through @grafana/runtime; nothing of this plugin in particular.
 */
import {
  type DataQueryRequest,
  type DataSourceApi,
  type DataSourceInstanceSettings,
  type DataSourcePluginMeta,
  EventBusSrv,
  type GrafanaTheme2,
  LoadingState,
  type PanelData,
  PluginType,
} from '@grafana/data';
import {
  type BackendSrv,
  type BackendSrvRequest,
  config,
  type DataSourceSrv,
  type FetchError,
  type FetchResponse,
  setAppEvents,
  setBackendSrv,
  setDataSourceSrv,
  setPluginImportUtils,
  setRunRequest,
  setTemplateSrv,
} from '@grafana/runtime';
import { registerRuntimeDataSourceInstance } from '@grafana/runtime/unstable';
import { catchError, from, map, type Observable, of, startWith } from 'rxjs';

import { panelImportUtils } from './panels';

/** What src/plugin.json and src/datasource/plugin.json hold that the harness reads. */
export interface PluginJson {
  id: string;
  name: string;
  type: string;
  info: { logos: { small: string; large: string }; description?: string; version?: string };
  includes?: Array<{ type: string; name: string; path?: string }>;
}

/** What the bridge says about the datasource it serves (`/gallery/settings.json`). */
export interface BridgeSettings {
  id: number;
  uid: string;
  name: string;
  jsonData: Record<string, unknown>;
}

export function pluginMeta(json: PluginJson, type: PluginType): DataSourcePluginMeta {
  return {
    id: json.id,
    name: json.name,
    type,
    module: '',
    baseUrl: '',
    info: {
      author: { name: 'GreenOps' },
      description: json.info.description ?? '',
      links: [],
      logos: json.info.logos,
      screenshots: [],
      updated: '',
      version: json.info.version ?? '',
    },
  };
}

function urlWithParams(options: BackendSrvRequest): string {
  const params = options.params ?? {};
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const one of Array.isArray(v) ? v : [v]) {
      if (one !== undefined && one !== null) {
        search.append(k, String(one));
      }
    }
  }
  const query = search.toString();
  return query ? `${options.url}${options.url.includes('?') ? '&' : '?'}${query}` : options.url;
}

async function send<T>(options: BackendSrvRequest): Promise<FetchResponse<T>> {
  const method = (options.method ?? 'GET').toUpperCase();
  const hasBody = options.data !== undefined && method !== 'GET';
  const res = await fetch(urlWithParams(options), {
    method,
    headers: { ...(hasBody ? { 'Content-Type': 'application/json' } : {}), ...(options.headers ?? {}) },
    body: hasBody ? JSON.stringify(options.data) : undefined,
  });
  const text = await res.text();
  let data: unknown = text;
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    // Not JSON: Grafana gives the text.
  }
  const response = {
    data: data as T,
    status: res.status,
    statusText: res.statusText,
    ok: res.ok,
    headers: res.headers,
    redirected: res.redirected,
    type: res.type,
    url: res.url,
    config: options,
  };
  if (!res.ok) {
    const error: FetchError = { status: res.status, statusText: res.statusText, data, config: options };
    throw error;
  }
  return response;
}

/** Grafana's BackendSrv reduced to what it does for plugins: JSON requests to Grafana's own URLs. */
class BridgeBackendSrv implements BackendSrv {
  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
    return from(send<T>(options));
  }
  chunked(options: BackendSrvRequest): Observable<FetchResponse<Uint8Array | undefined>> {
    return from(send<Uint8Array | undefined>(options));
  }
  async request<T>(options: BackendSrvRequest): Promise<T> {
    return (await send<T>(options)).data;
  }
  datasourceRequest<T>(options: BackendSrvRequest): Promise<FetchResponse<T>> {
    return send<T>(options);
  }
  get<T>(url: string, params?: BackendSrvRequest['params'], _requestId?: string, options?: Partial<BackendSrvRequest>) {
    return this.request<T>({ ...options, url, params, method: 'GET' });
  }
  delete<T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) {
    return this.request<T>({ ...options, url, data, method: 'DELETE' });
  }
  post<T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) {
    return this.request<T>({ ...options, url, data, method: 'POST' });
  }
  patch<T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) {
    return this.request<T>({ ...options, url, data, method: 'PATCH' });
  }
  put<T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) {
    return this.request<T>({ ...options, url, data, method: 'PUT' });
  }
}

/**
 * A plugin's datasource. DataSourceSrv hands out DataSourceApi<DataQuery>, which no plugin's datasource is
 * assignable to (its editors' props take the plugin's own query type); Grafana's own registry is untyped too.
 */
type PluginDataSource = DataSourceApi<any, any>;

/** One datasource, as Grafana's DatasourceSrv lists and builds it. */
class OneDataSourceSrv implements DataSourceSrv {
  private instance?: Promise<DataSourceApi>;

  constructor(
    private readonly settings: DataSourceInstanceSettings,
    private readonly build: () => PluginDataSource
  ) {}

  private matches(ref?: Parameters<DataSourceSrv['get']>[0]): boolean {
    if (!ref) {
      return true;
    }
    const key = typeof ref === 'string' ? ref : ref.uid;
    return key === undefined || key === this.settings.uid || key === this.settings.name;
  }
  get(ref?: Parameters<DataSourceSrv['get']>[0]): Promise<DataSourceApi> {
    if (!this.matches(ref)) {
      return Promise.reject(new Error(`Datasource ${JSON.stringify(ref)} was not found`));
    }
    this.instance ??= Promise.resolve(this.build());
    return this.instance;
  }
  getList(filters: Parameters<DataSourceSrv['getList']>[0] = {}): DataSourceInstanceSettings[] {
    return filters.pluginId && filters.pluginId !== this.settings.type ? [] : [this.settings];
  }
  getInstanceSettings(ref?: Parameters<DataSourceSrv['getInstanceSettings']>[0]) {
    return this.matches(ref) ? this.settings : undefined;
  }
  async reload() {}
  registerRuntimeDataSource() {}
}

/** Panels' query runner: the datasource's own query(), its frames as the panel's series. */
function runRequest(ds: DataSourceApi, request: DataQueryRequest): Observable<PanelData> {
  const loading: PanelData = { state: LoadingState.Loading, series: [], timeRange: request.range, request };
  return from(ds.query(request)).pipe(
    map((res): PanelData => ({
      state: res.errors?.length ? LoadingState.Error : LoadingState.Done,
      series: res.data,
      errors: res.errors,
      timeRange: request.range,
      request,
    })),
    catchError((err: Error) =>
      of({ ...loading, state: LoadingState.Error, errors: [{ message: err.message ?? String(err) }] })
    ),
    startWith(loading)
  );
}

export function setUpRuntime(
  theme: GrafanaTheme2,
  settings: DataSourceInstanceSettings,
  build: () => PluginDataSource
): void {
  config.theme2 = theme;
  config.bootData.user.lightTheme = theme.isLight;
  config.datasources = { [settings.name]: settings };
  config.defaultDatasource = settings.name;
  setBackendSrv(new BridgeBackendSrv());
  setDataSourceSrv(new OneDataSourceSrv(settings, build));
  setTemplateSrv({
    getVariables: () => [],
    replace: (target) => target ?? '',
    containsTemplate: (target) => !!target && /\$(\w+|\{\w+)/.test(target),
    updateTimeRange: () => {},
  });
  setRunRequest(runRequest);
  // Grafana 13's own datasource registry (getDataSourceInstance, which @grafana/scenes uses through
  // @grafana/plugin-compat): Grafana fills it at boot; a plugin can only register a runtime instance, which
  // carries its settings.
  registerRuntimeDataSourceInstance({ dataSource: Object.assign(build(), { instanceSettings: settings }) });
  setAppEvents(new EventBusSrv());
  // For app pages built with @grafana/scenes: VizPanel imports its panel plugin through these.
  setPluginImportUtils(panelImportUtils);
}
