/**
 * A filled-in query per query type, as a person editing a bundled dashboard's panel would see it: the
 * first target of that type in dashboards/*.json with the dashboard's variables at their saved values
 * (a variable set to All leaves its filter list, as the datasource's applyTemplateVariables does), and
 * the picks below in the lists All would leave empty, so the filled editor differs from the empty one.
 * Types no bundled dashboard uses take the example below.
 */
import fs from 'node:fs';
import path from 'node:path';

import { ROOT } from '../conformance/hostHarness';

type Json = Record<string, unknown>;

/** Query types no bundled dashboard has a panel of: the example a README would give. */
const EXAMPLES: Record<string, Json> = {
  promqlEnergy: {
    queryType: 'promqlEnergy',
    expr: 'sum by (namespace) (rate(kepler_container_joules_total[5m]))',
    unit: 'watts',
    provider: 'aws',
    region: 'eu-west-1',
  },
  cloudRecommendations: {
    queryType: 'cloudRecommendations',
    kinds: ['regionSwitch'],
    source: 'focus',
    methodology: 'greenops',
    format: 'table',
  },
};

/** What a person would pick among the demo's values (demo/exporter: namespaces; the FOCUS sample: regions). */
const PICKS: Record<string, Json> = {
  gridIntensity: { regions: ['eu-west-1', 'eu-north-1', 'us-east-1'] },
  cloudEmissions: { groupBy: ['service'], filters: { regions: ['us-east-1'] } },
  cloudTrend: { filters: { regions: ['us-east-1'] } },
  namespaceEnergy: { namespaces: ['analytics', 'shop'] },
  costVsCarbon: { namespaces: ['analytics', 'shop'] },
  carbonEfficiency: { namespaces: ['analytics'] },
  zombieInstances: { namespaces: ['legacy'] },
};

interface Panel {
  targets?: Json[];
  panels?: Panel[];
}
interface Dashboard {
  panels?: Panel[];
  templating?: { list?: Array<{ name: string; current?: { value?: unknown } }> };
}

const WHOLE_VARIABLE = /^\$(?:(\w+)|\{(\w+)\})$/;

function resolve(value: unknown, vars: Map<string, unknown>): unknown {
  if (Array.isArray(value)) {
    return value.flatMap((v) => {
      const r = resolve(v, vars);
      return r === undefined ? [] : Array.isArray(r) ? r : [r];
    });
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [k, resolve(v, vars)])
        .filter(([, v]) => v !== undefined)
    );
  }
  if (typeof value === 'string') {
    const m = WHOLE_VARIABLE.exec(value);
    const name = m ? (m[1] ?? m[2]) : undefined;
    const current = name === undefined ? undefined : vars.get(name);
    if (current !== undefined) {
      // All means no filter: the value leaves its list (or its field).
      const values = (Array.isArray(current) ? current : [current]).filter((x) => x !== '$__all');
      return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
    }
  }
  return value;
}

function* targetsOf(panels: Panel[] = []): Generator<Json> {
  for (const p of panels) {
    yield* p.targets ?? [];
    yield* targetsOf(p.panels);
  }
}

export function filledQueries(queryTypes: readonly string[]): Record<string, Json> {
  const dir = path.join(ROOT, 'dashboards');
  const found: Record<string, Json> = {};
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const dashboard = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Dashboard;
    const vars = new Map<string, unknown>();
    for (const v of dashboard.templating?.list ?? []) {
      if (v.current?.value !== undefined && v.current.value !== null && v.current.value !== '') {
        vars.set(v.name, v.current.value);
      }
    }
    for (const target of targetsOf(dashboard.panels)) {
      const type = String(target.queryType ?? '');
      if (queryTypes.includes(type) && !found[type]) {
        const { datasource: _ds, refId: _refId, ...fields } = target;
        found[type] = resolve(fields, vars) as Json;
      }
    }
  }
  return Object.fromEntries(
    queryTypes.map((t) => [t, { ...(found[t] ?? EXAMPLES[t] ?? { queryType: t }), ...PICKS[t] }])
  );
}
