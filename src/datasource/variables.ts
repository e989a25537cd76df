import { createElement } from 'react';
import { from, Observable, throwError } from 'rxjs';
import {
  createDataFrame,
  CustomVariableSupport,
  DataQueryRequest,
  DataQueryResponse,
  FieldType,
  QueryEditorProps,
} from '@grafana/data';

import { getTemplateSrv, TemplateSrv } from '@grafana/runtime';

import type { CarbonDataSource } from './datasource';
import { CarbonDataSourceOptions, CarbonQuery, CLOUD_PROVIDERS, CloudProvider, RegionInfo } from './types';
import { ProviderField } from './components/GridIntensityEditor';

/** A query variable listing region ids, optionally of one provider. */
export interface RegionVariableQuery {
  refId: string;
  /** A provider id, or a dashboard variable holding one (e.g. `$provider`). */
  provider?: string;
}

type EditorProps = QueryEditorProps<CarbonDataSource, CarbonQuery, CarbonDataSourceOptions, RegionVariableQuery>;

/** Provider picker for the variable editor (createElement because this module is .ts, not .tsx). */
export function RegionVariableEditor({ query, onChange }: EditorProps) {
  // A new variable may start with an empty string as its query rather than an object.
  const current: Partial<RegionVariableQuery> = query && typeof query === 'object' ? query : {};
  return createElement(ProviderField, {
    inputId: 'carbon-variable-provider',
    value: current.provider as CloudProvider | undefined,
    onChange: (provider) => onChange({ refId: current.refId || 'CarbonRegions', provider }),
  });
}

export class RegionVariableSupport extends CustomVariableSupport<CarbonDataSource, RegionVariableQuery, CarbonQuery> {
  editor = RegionVariableEditor;

  constructor(
    private readonly datasource: Pick<CarbonDataSource, 'getRegions'>,
    private readonly templateSrv: Pick<TemplateSrv, 'replace'> = getTemplateSrv()
  ) {
    super();
  }

  query(request: DataQueryRequest<RegionVariableQuery>): Observable<DataQueryResponse> {
    const raw = request.targets[0]?.provider;
    const provider = raw ? this.templateSrv.replace(raw, request.scopedVars) : '';
    if (provider && !(CLOUD_PROVIDERS as readonly string[]).includes(provider)) {
      return throwError(() => new Error(`Unknown provider "${provider}": use one of ${CLOUD_PROVIDERS.join(', ')}.`));
    }
    const lookup = this.datasource.getRegions((provider || undefined) as CloudProvider | undefined);
    return from(lookup.then((regions) => ({ data: [regionsFrame(regions)] })));
  }
}

/** Grafana reads variable options from the `text` and `value` fields; ids are unique across providers. */
export function regionsFrame(regions: RegionInfo[]) {
  const ids = Array.from(new Set(regions.map((r) => r.region)));
  return createDataFrame({
    fields: [
      { name: 'text', type: FieldType.string, values: ids },
      { name: 'value', type: FieldType.string, values: ids },
    ],
  });
}
