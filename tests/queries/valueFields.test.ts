/**
 * Keeps the "Single value" picker honest (the `columns` of each definition in src/shared/queryTypes):
 * every name it offers is a field name in the backend handlers' source, and every number field the
 * handlers actually return for the demo data (a real Prometheus with the demo exporter's series, the public FOCUS sample) is
 * offered for its query type. Handlers run in process, as the protocol layer calls them.
 *
 * Run: npx jest tests/queries/valueFields.test.ts --selectProjects integration
 */
import fs from 'node:fs';
import path from 'node:path';

import type { Frame } from '../../src/backend/frames/frame';
import { findHandler } from '../../src/backend/queries/registry';
import { Secrets, type DataSourceSettings } from '../../src/backend/core/settings';
import { QUERY_TYPE_DEFINITIONS, QUERY_TYPES, type QueryType } from '../../src/shared/queryTypes';
import { FOCUS_SAMPLE_RANGE, startDemoStack, type DemoStack } from '../demo/demoStack';
import { instanceFor } from '../helpers/instances';

const ROOT = path.resolve(__dirname, '../..');
const QUERIES_DIR = path.join(ROOT, 'src/backend/queries');

jest.setTimeout(300_000);

jest.mock('../../src/backend/core/logger', () => {
  const actual = jest.requireActual('../../src/backend/core/logger');
  return { ...actual, logger: actual.createLogger(() => undefined) };
});

const columnsOf = (type: QueryType) => QUERY_TYPE_DEFINITIONS[type].columns;
const listed = (type: QueryType) => columnsOf(type).map((f) => f.name);

describe('offered names are in the backend handlers', () => {
  const files = (fs.readdirSync(QUERIES_DIR, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => fs.readFileSync(path.join(QUERIES_DIR, f), 'utf8'));
  // The zombie and recommendation table columns are declared once, in the shared model.
  files.push(fs.readFileSync(path.join(ROOT, 'src/shared/columns.ts'), 'utf8'));
  const source = files.join('\n');
  const literals = new Set([...source.matchAll(/'([A-Za-z_][A-Za-z0-9_]*)'/g)].map((m) => m[1]));

  it.each([...QUERY_TYPES])('%s', (type) => {
    expect(columnsOf(type).length).toBeGreaterThan(0);
    const missing = listed(type).filter((name) => {
      if (literals.has(name)) {
        return false;
      }
      // cloudTrend names the previous range and the growth after the column: `${column.name}_growth`.
      const derived = /^(.+)_(previous|growth)$/.exec(name);
      return !(derived && literals.has(derived[1]) && source.includes(`\${column.name}_${derived[2]}\``));
    });
    expect(missing).toEqual([]);
  });

  it('no name is offered twice for one query type', () => {
    for (const type of QUERY_TYPES) {
      expect(new Set(listed(type)).size).toBe(listed(type).length);
    }
  });
});

/** Queries that together return each query type's frames in their shapes (table, series, summary, co2e...). */
const VARIANTS: Record<QueryType, Array<Record<string, unknown>>> = {
  gridIntensity: [{ format: 'table' }, { provider: 'aws', regions: ['eu-west-1'], format: 'timeseries' }],
  cloudEmissions: [
    {
      source: 'focus',
      metrics: ['co2e', 'energy', 'embodied', 'cost', 'usage'],
      groupBy: ['provider'],
      format: 'table',
    },
    { source: 'focus', metrics: ['co2e', 'energy', 'embodied', 'cost', 'usage'], groupBy: [], format: 'timeseries' },
  ],
  cloudTrend: [{ source: 'focus' }],
  namespaceEnergy: [
    { groupBy: 'namespace', metric: 'power' },
    { groupBy: 'namespace', metric: 'energy', idlePower: 'byRequest' },
    { groupBy: 'namespace', metric: 'co2e' },
  ],
  processPower: [
    { metric: 'power', topN: 3 },
    { metric: 'energy', topN: 3 },
  ],
  costVsCarbon: [{ groupBy: 'namespace' }],
  carbonEfficiency: [{}],
  energyPerUnit: [{ scope: 'namespace', selector: '.*', unitQuery: 'sum(http_requests_total)', unitName: 'request' }],
  promqlEnergy: [
    { expr: 'sum(scaph_host_power_microwatts)', unit: 'microwatts', provider: 'aws', region: 'eu-west-1' },
    { expr: 'sum(kepler_node_cpu_joules_total)', unit: 'joules', provider: 'aws', region: 'eu-west-1' },
  ],
  zombieInstances: [
    { sources: ['prometheus'], format: 'table' },
    { sources: ['prometheus'], format: 'summary' },
  ],
  cloudRecommendations: [
    { kinds: ['regionSwitch'], source: 'focus', format: 'table' },
    { kinds: ['regionSwitch'], source: 'focus', format: 'summary' },
  ],
};

const BILLING = new Set<QueryType>(['cloudEmissions', 'cloudTrend', 'cloudRecommendations']);

describe('number fields the handlers return are offered', () => {
  let demo: DemoStack | undefined;
  let settings: DataSourceSettings;

  beforeAll(async () => {
    demo = await startDemoStack();
    settings = { uid: 'value-fields', name: 'demo', jsonData: demo.jsonData, secrets: new Secrets(), lastUpdatedMS: 1 };
  });
  afterAll(async () => demo?.stop());

  async function numberFields(type: QueryType, json: Record<string, unknown>): Promise<string[]> {
    const handler = (await findHandler(type))!;
    const range = BILLING.has(type) ? FOCUS_SAMPLE_RANGE : { from: demo!.from, to: demo!.to };
    const frames: Frame[] = await handler.run({
      refId: 'A',
      query: handler.parse({ refId: 'A', queryType: type, ...json }),
      timeRange: range,
      intervalMs: 300_000,
      maxDataPoints: 1000,
      settings,
      instance: instanceFor(settings),
    });
    return frames.flatMap((f) => f.fields.filter((x) => x.kind === 'number').map((x) => x.name));
  }

  it.each([...QUERY_TYPES])('%s', async (type) => {
    const seen = new Set<string>();
    for (const json of VARIANTS[type]) {
      (await numberFields(type, json)).forEach((name) => seen.add(name));
    }
    // With no number field the check below would prove nothing.
    expect(seen.size).toBeGreaterThan(0);
    expect([...seen].filter((name) => !listed(type).includes(name))).toEqual([]);
  });
});
