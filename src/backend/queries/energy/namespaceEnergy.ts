/**
 * namespaceEnergy: measured energy per namespace, pod, workload or node, from Kepler (0.10+ or
 * 0.7), Scaphandre --containers and DCGM (GPU), with node idle energy left out or shared by CPU
 * request or usage. power → watts over time (timeseries-multi, one series per group); energy →
 * Joules and kWh per group (numeric-long); co2e → grams CO2e with each node's region and grid
 * factor (PUE included), plus kWh. Power and energy are IT (whole server), facility (× PUE) or
 * measured (the exporter's reading), as energyBoundary says (measured/energyBoundary.ts). `workloads` limits every grouping to the pods of those owner
 * workloads (workloadFilter.ts): rows are then measured per pod and filtered before grouping.
 */
import type { ParsedQueryOf } from '../../../shared/queryTypes';
import { namespaceEnergy } from '../../../shared/queryTypes/namespaceEnergy';
import { defineHandler } from '../defineHandler';
import { type WorkloadGroupBy } from '../../../datasource/types';
import { JOULES_PER_KWH } from '../../../engine/measuredEnergy';
import type { Frame, FrameField } from '../../frames/frame';
import { runProvenance } from '../../frames/meta';
import { MEASURED } from '../../measured/provenance';
import {
  atBoundary,
  BOUNDARY_DESCRIPTION,
  energyColumn,
  facilityPue,
  gridFactorDescription,
} from '../../measured/energyBoundary';
import { seriesFrames } from '../../frames/series';
import { numberColumn, stringColumn, tableFrame } from '../../frames/table';
import { UNIT } from '../../frames/units';
import { type EnergyContext, openEnergyContext, requireExporters } from '../../measured/energyContext';
import { type EnergyRow, measureEnergy, measurePower, type GroupLabels } from '../../measured/energyModel';
import type { Grain } from '../../measured/promqlParts';
import { loadRegions } from '../../measured/regions';
import { chooseSources, requireIdleInputs } from '../../measured/sourceChoice';
import { workloadFilter, type WorkloadFilter } from '../../measured/workloadFilter';
import { loadWorkloads, type WorkloadOf } from '../../measured/workloads';

type Parsed = ParsedQueryOf<'namespaceEnergy'>;

/** Workloads are built from per-pod aggregates. */
const GRAIN: Record<WorkloadGroupBy, Grain> = { namespace: 'namespace', pod: 'pod', workload: 'pod', node: 'node' };
const KEY_COLUMNS: Record<WorkloadGroupBy, string[]> = {
  namespace: ['namespace'],
  pod: ['namespace', 'pod'],
  workload: ['namespace', 'kind', 'workload'],
  node: ['node'],
};

export const namespaceEnergyHandler = defineHandler(namespaceEnergy, async (request) => {
  const query = request.query;
  const ctx = await openEnergyContext(request);
  requireExporters(ctx, 'namespaceEnergy');
  const sources = chooseSources(ctx, query.zone, query.energyBoundary);
  requireIdleInputs(ctx, query.idlePower, sources, 'namespaceEnergy');
  // A workloads filter is applied to per-pod rows, whatever the grouping.
  const grain = query.workloads ? 'pod' : GRAIN[query.groupBy];
  if (query.groupBy === 'node' && query.idlePower === 'exclude' && sources.cpu) {
    ctx.notice(
      'info',
      "Per node: the energy of the node's pods. Idle power, host processes and the kernel are left out; idlePower byRequest or byUsage adds them."
    );
  }
  // The filter needs the owners before the energy queries (its pods go into them).
  const owners = query.workloads ? await loadWorkloads(ctx, query.namespaces) : undefined;
  const filter = query.workloads && owners ? workloadFilter(query.workloads, owners) : undefined;
  const workloads = owners ?? (query.groupBy === 'workload' ? loadWorkloads(ctx, query.namespaces) : undefined);
  const args = [ctx, sources, grain, query.namespaces, query.idlePower, filter?.podPattern] as const;
  if (query.metric === 'power') {
    const [all, workloadOf] = await Promise.all([measurePower(...args), workloads]);
    const rows = keepRows(ctx, all, filter);
    const pue = await facilityPue(ctx, request.settings, query.energyBoundary, new Set(rows.map((r) => r.node)));
    const groups = new Map<string, { labels: Record<string, string>; values: Float64Array }>();
    for (const row of rows) {
      const labels = groupLabels(query.groupBy, row.labels, row.node, workloadOf);
      const key = JSON.stringify(labels);
      const g =
        groups.get(key) ?? groups.set(key, { labels, values: new Float64Array(ctx.times.length).fill(NaN) }).get(key)!;
      const k = pue ? pue(row.node) : 1;
      row.values.forEach((v, i) => {
        if (!Number.isNaN(v)) {
          g.values[i] = Number.isNaN(g.values[i]) ? v * k : g.values[i] + v * k;
        }
      });
    }
    noMatchNotice(ctx, groups.size, query.namespaces);
    const sorted = [...groups.values()].sort((a, b) => compareLabels(a.labels, b.labels));
    return seriesFrames(
      'power',
      ctx.times,
      sorted,
      { unit: UNIT.watt, description: `Power. ${BOUNDARY_DESCRIPTION[query.energyBoundary]}` },
      runProvenance(ctx, MEASURED)
    );
  }
  const [all, workloadOf] = await Promise.all([measureEnergy(...args), workloads]);
  const rows = keepRows(ctx, all, filter);
  noMatchNotice(ctx, rows.length, query.namespaces);
  if (query.metric === 'co2e') {
    return [await co2eTable(ctx, request.settings, query, rows, workloadOf)];
  }
  const pue = await facilityPue(ctx, request.settings, query.energyBoundary, new Set(rows.map((r) => r.node)));
  const scaled = pue ? rows.map((r) => scaleRow(r, pue(r.node))) : rows;
  return [energyTable(ctx, query, scaled, workloadOf, !!sources.gpu)];
});

function scaleRow(row: EnergyRow, k: number): EnergyRow {
  return { ...row, cpu: row.cpu * k, gpu: row.gpu * k, idle: row.idle * k };
}

/** The rows of the filter's workloads (all without a filter), with its notice. */
function keepRows<R extends { labels: GroupLabels }>(ctx: EnergyContext, rows: R[], filter?: WorkloadFilter): R[] {
  if (!filter) {
    return rows;
  }
  const kept = rows.filter((r) => filter.keep(r.labels));
  filter.notice(ctx);
  return kept;
}

function groupLabels(
  groupBy: WorkloadGroupBy,
  labels: GroupLabels,
  node: string,
  workloadOf?: WorkloadOf
): Record<string, string> {
  switch (groupBy) {
    case 'namespace':
      return { namespace: labels.namespace ?? '' };
    case 'pod':
      return { namespace: labels.namespace ?? '', pod: labels.pod ?? '' };
    case 'workload': {
      const w = workloadOf!(labels.namespace ?? '', labels.pod ?? '');
      return { namespace: labels.namespace ?? '', kind: w.kind, workload: w.name };
    }
    case 'node':
      return { node };
  }
}

function compareLabels(a: Record<string, string>, b: Record<string, string>): number {
  return Object.values(a).join('\u0000').localeCompare(Object.values(b).join('\u0000'));
}

interface Group {
  labels: Record<string, string>;
  cpu: number;
  gpu: number;
  idle: number;
  /** Joules per node, for CO2e. */
  byNode: Map<string, number>;
}

/** Rows (group, node) summed into the requested groups, largest energy first. */
function groupRows(groupBy: WorkloadGroupBy, rows: EnergyRow[], workloadOf?: WorkloadOf): Group[] {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const labels = groupLabels(groupBy, row.labels, row.node, workloadOf);
    const key = JSON.stringify(labels);
    const g = groups.get(key) ?? groups.set(key, { labels, cpu: 0, gpu: 0, idle: 0, byNode: new Map() }).get(key)!;
    g.cpu += row.cpu;
    g.gpu += row.gpu;
    g.idle += row.idle;
    const joules = row.cpu + row.gpu + row.idle;
    g.byNode.set(row.node, (g.byNode.get(row.node) ?? 0) + joules);
  }
  const total = (g: Group) => g.cpu + g.gpu + g.idle;
  return [...groups.values()].sort((a, b) => total(b) - total(a) || compareLabels(a.labels, b.labels));
}

function keyColumns(groupBy: WorkloadGroupBy, groups: Group[]): FrameField[] {
  return KEY_COLUMNS[groupBy].map((name) =>
    stringColumn(
      name,
      groups.map((g) => g.labels[name])
    )
  );
}

function energyTable(
  ctx: EnergyContext,
  query: Parsed,
  rows: EnergyRow[],
  workloadOf: WorkloadOf | undefined,
  gpu: boolean
): Frame {
  const groups = groupRows(query.groupBy, rows, workloadOf);
  const joules = (g: Group) => g.cpu + g.gpu + g.idle;
  const b = query.energyBoundary;
  const columns: FrameField[] = [
    ...keyColumns(query.groupBy, groups),
    energyColumn('energy', groups.map(joules), UNIT.joule, 'Energy', b),
    energyColumn(
      'kWh',
      groups.map((g) => joules(g) / JOULES_PER_KWH),
      UNIT.kWh,
      'Energy (kWh)',
      b
    ),
    energyColumn(
      'cpu',
      groups.map((g) => g.cpu),
      UNIT.joule,
      'CPU',
      b,
      'CPU source'
    ),
  ];
  if (gpu) {
    columns.push(
      energyColumn(
        'gpu',
        groups.map((g) => g.gpu),
        UNIT.joule,
        'GPU (DCGM)',
        b,
        'GPU (DCGM board power)'
      )
    );
  }
  if (query.idlePower !== 'exclude') {
    columns.push(
      energyColumn(
        'idle',
        groups.map((g) => g.idle),
        UNIT.joule,
        'Node idle share',
        b,
        'Node idle share'
      )
    );
  }
  return tableFrame('namespaceEnergy', columns, runProvenance(ctx, MEASURED), 'hintLast');
}

async function co2eTable(
  ctx: EnergyContext,
  settings: Parameters<typeof loadRegions>[1],
  query: Parsed,
  rows: EnergyRow[],
  workloadOf: WorkloadOf | undefined
): Promise<Frame> {
  const groups = groupRows(query.groupBy, rows, workloadOf);
  const regions = await loadRegions(
    ctx,
    settings,
    rows.map((r) => r.node)
  );
  const b = query.energyBoundary;
  const out = groups.map((g) => {
    let grams = 0;
    let coveredJ = 0;
    let joules = 0;
    const names = new Set<string>();
    for (const [node, j] of g.byNode) {
      const factor = regions.factor(node);
      // The kWh column at the boundary (facility: × PUE, unknown without a region); CO2e from IT.
      joules += atBoundary(j, b, factor) ?? NaN;
      if (factor) {
        grams += (j / JOULES_PER_KWH) * factor.gramsPerServerKWh;
        coveredJ += atBoundary(j, b, factor)!;
        names.add(factor.region);
      }
    }
    const known = coveredJ > 0 || joules === 0;
    return {
      grams: known ? grams : null,
      joules,
      regions: [...names].sort().join(', '),
      factor: coveredJ > 0 ? grams / (coveredJ / JOULES_PER_KWH) : null,
    };
  });
  return tableFrame(
    'namespaceEnergy',
    [
      ...keyColumns(query.groupBy, groups),
      numberColumn(
        'co2e',
        out.map((o) => o.grams),
        UNIT.grams,
        'CO2e'
      ),
      energyColumn(
        'kWh',
        out.map((o) => o.joules / JOULES_PER_KWH),
        UNIT.kWh,
        'Energy (kWh)',
        b
      ),
      energyColumn(
        'energy',
        out.map((o) => o.joules),
        UNIT.joule,
        'Energy',
        b
      ),
      stringColumn(
        'region',
        out.map((o) => o.regions)
      ),
      numberColumn(
        'gridFactor',
        out.map((o) => o.factor),
        UNIT.intensity,
        b === 'facility' ? 'Grid factor' : 'Grid factor × PUE',
        { description: gridFactorDescription(b) }
      ),
    ],
    runProvenance(ctx, MEASURED),
    'hintLast'
  );
}

export function noMatchNotice(ctx: EnergyContext, count: number, namespaces: string[] | undefined): void {
  if (count === 0) {
    ctx.notice(
      'info',
      namespaces
        ? `No energy series for the namespaces ${namespaces.map((n) => JSON.stringify(n)).join(', ')} in this range.`
        : 'No energy series in this range.'
    );
  }
}
