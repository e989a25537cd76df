/**
 * processPower: Scaphandre's per-process power (exporters-metrics.md §1).
 *
 * - The top N processes are picked once for the whole range, by the Joules each used over it
 *   (`topk(N, sum_over_time(µW[window:step])) * step / 1e6`, one instant query), and then read
 *   as a range query restricted to those PIDs. A `topk` per step would give every step its own N,
 *   so a graph would hold far more than N series, each with gaps where it dropped out of the top.
 * - power: one timeseries-multi frame per process (W), then, per host (scrape target), the host's
 *   power, the sum of all its processes and the remainder Scaphandre attributes to nobody (idle).
 * - energy: numeric-long Joules and kWh per process over the range, and the host / processes /
 *   unattributed Joules per host. Joules are power integrated in PromQL (no process energy
 *   counter exists): the same step grid as the power series, so the table is their sum.
 * - Energy leaks (energyLeaks.ts; the condition in scaphandreQueries.ts, LEAK_*): a separate
 *   numeric-long frame and a notice.
 */
import type { ParsedQueryOf } from '../../../shared/queryTypes';
import { DEFAULT_TOP_N, processPower } from '../../../shared/queryTypes/processPower';
import { defineHandler } from '../defineHandler';
import { joulesToKWh } from '../../../engine/measuredEnergy';
import type { Frame, FrameField, FrameNotice } from '../../frames/frame';
import { openPrometheus } from '../../sources';
import type { MatrixSeries, VectorSample } from '../../sources/prometheus/promResponse';
import { badQuery } from '../../core/errors';
import type { DatasourceInstance } from '../../core/instance';
import { discoverFor } from '../../measured/energyContext';
import { addToMeta, seriesMeta } from '../../frames/meta';
import { energyColumn } from '../../measured/energyBoundary';
import { MEASURED } from '../../measured/provenance';
import { seriesFrame } from '../../frames/series';
import { numberColumn, stringColumn, tableFrame } from '../../frames/table';
import { UNIT } from '../../frames/units';
import { leakOutput, type ProcessPresentation, startLeakSearch } from './energyLeaks';
import { integrationWindow, type IntegrationWindow } from '../../measured/integrationWindow';
import { labelKey, PromRun, withoutName } from '../../measured/promRun';
import {
  allProcessesJoules,
  allProcessesWatts,
  hostJoules,
  hostWatts,
  type ProcessFilter,
  processWatts,
  SCAPH_HOST_LABEL,
  SCAPH_NAMESPACE_LABEL,
  SCAPH_POD_LABEL,
  SCAPH_PROCESS_POWER,
  topProcessesByJoules,
} from '../../measured/scaphandreQueries';

type Parsed = ParsedQueryOf<'processPower'>;

export const processPowerHandler = defineHandler(processPower, async (request) => {
  const query = request.query;
  const w = integrationWindow(request);
  const source = openPrometheus(request.instance);
  const prom = new PromRun(await source.client());
  const filter: ProcessFilter = { exe: query.exe, cmdline: query.cmdline, namespaces: query.namespaces };
  const topN = query.topN ?? DEFAULT_TOP_N;

  const leaks = startLeakSearch(prom, filter, w);
  // Awaited below; this only keeps a failure from going unhandled if the top-N query fails first.
  leaks?.catch(() => undefined);
  const top = (await prom.instant(topProcessesByJoules(filter, topN, w), w)).sort((a, b) => b.value - a.value);
  if (top.length === 0) {
    await leaks;
    const notice = await explainNoProcesses(request.instance, query, w);
    return [emptyFrame(query.metric, [notice, ...prom.notices], prom.executed)];
  }
  const instances = targetsOf(top);

  const [frames, leakResult] = await Promise.all([
    query.metric === 'power' ? powerFrames(prom, filter, top, instances, w) : energyFrames(prom, top, instances, w),
    leaks,
  ]);
  const leakParts = leakOutput(leakResult, w, SHOW_PROCESS);
  frames.push(...leakParts.frames);
  const notices: FrameNotice[] = [...leakParts.notices, ...prom.notices];
  for (const frame of frames) {
    addToMeta(frame, { executedQueryString: prom.executed, custom: { ...MEASURED } });
  }
  addToMeta(frames[0], { notices: [...(frames[0].meta?.notices ?? []), ...notices] });
  return frames;
});

/** Scrape targets of the top processes, to limit the host comparison to them (all hosts if any lacks one). */
function targetsOf(top: VectorSample[]): string[] | undefined {
  const values = top.map((s) => s.labels[SCAPH_HOST_LABEL]);
  return values.every((v) => v !== undefined && v !== '') ? [...new Set(values)] : undefined;
}

async function powerFrames(
  prom: PromRun,
  filter: ProcessFilter,
  top: VectorSample[],
  instances: string[] | undefined,
  w: IntegrationWindow
): Promise<Frame[]> {
  const pids = [...new Set(top.map((s) => s.labels.pid).filter((p): p is string => p !== undefined))];
  const wanted = new Map(top.map((s, rank) => [labelKey(s.labels), rank]));
  const [series, hosts, processes] = await Promise.all([
    prom.range(processWatts({ ...filter, pids, instances }), w),
    prom.range(hostWatts(instances), w),
    prom.range(allProcessesWatts(instances), w),
  ]);
  const manyHosts = new Set(top.map((s) => s.labels[SCAPH_HOST_LABEL])).size > 1;
  const frames: Frame[] = series
    // The PID matcher may also catch the same PID on another host, or a process outside the top.
    .filter((s) => wanted.has(labelKey(s.labels)))
    .sort((a, b) => wanted.get(labelKey(a.labels))! - wanted.get(labelKey(b.labels))!)
    .map((s) => {
      const labels = withoutName(s.labels);
      return powerSeries(processName(labels, manyHosts), 'power', labels, s.timesMs, s.values, UNIT.watt);
    });
  frames.push(...hostFrames(hosts, processes));
  return frames;
}

function hostFrames(hosts: MatrixSeries[], processes: MatrixSeries[]): Frame[] {
  const processesBy = new Map(processes.map((s) => [s.labels[SCAPH_HOST_LABEL] ?? '', s]));
  const frames: Frame[] = [];
  for (const host of [...hosts].sort((a, b) => hostOf(a.labels).localeCompare(hostOf(b.labels)))) {
    const instance = hostOf(host.labels);
    const where = instance ? ` ${instance}` : '';
    const labels = (series: string) => ({ ...(instance ? { [SCAPH_HOST_LABEL]: instance } : {}), series });
    frames.push(powerSeries(`Host${where}`, 'power', labels('host'), host.timesMs, host.values, UNIT.watt));
    const procs = processesBy.get(instance);
    if (!procs) {
      continue;
    }
    frames.push(
      powerSeries(`All processes${where}`, 'power', labels('processes'), procs.timesMs, procs.values, UNIT.watt)
    );
    const byTime = new Map(procs.timesMs.map((t, i) => [t, procs.values[i]]));
    const times: number[] = [];
    const remainder: number[] = [];
    host.timesMs.forEach((t, i) => {
      const p = byTime.get(t);
      if (p !== undefined) {
        times.push(t);
        remainder.push(host.values[i] - p);
      }
    });
    frames.push(
      powerSeries(`Unattributed (idle)${where}`, 'power', labels('unattributed'), times, remainder, UNIT.watt, {
        description: 'Host power minus the sum of its processes: what Scaphandre attributes to no process (idle).',
      })
    );
  }
  return frames;
}

async function energyFrames(
  prom: PromRun,
  top: VectorSample[],
  instances: string[] | undefined,
  w: IntegrationWindow
): Promise<Frame[]> {
  const [hosts, processes] = await Promise.all([
    prom.instant(hostJoules(w, instances), w),
    prom.instant(allProcessesJoules(w, instances), w),
  ]);
  const rows = top.map((s) => withoutName(s.labels));
  const joules = top.map((s) => s.value);
  const processTable = tableFrame('processEnergy', [
    ...processLabelFields(rows),
    energyColumn('joules', joules, UNIT.joule, 'Energy (J)', 'measured'),
    energyColumn('kWh', joules.map(joulesToKWh), UNIT.kWh, 'Energy (kWh)', 'measured'),
  ]);

  const processesBy = new Map(processes.map((s) => [hostOf(s.labels), s.value]));
  const hostRows = [...hosts].sort((a, b) => hostOf(a.labels).localeCompare(hostOf(b.labels)));
  const hostJ = hostRows.map((s) => s.value);
  const procJ = hostRows.map((s) => processesBy.get(hostOf(s.labels)) ?? null);
  const hostTable = tableFrame('hostEnergy', [
    stringColumn(
      SCAPH_HOST_LABEL,
      hostRows.map((s) => hostOf(s.labels))
    ),
    numberColumn('host_joules', hostJ, UNIT.joule, 'Host (J)'),
    numberColumn('processes_joules', procJ, UNIT.joule, 'All processes (J)'),
    numberColumn(
      'unattributed_joules',
      hostJ.map((h, i) => (procJ[i] === null ? null : h - procJ[i]!)),
      UNIT.joule,
      'Unattributed (J)',
      { description: 'Host energy minus the sum of its processes: what Scaphandre attributes to no process (idle).' }
    ),
    numberColumn(
      'unattributed_share',
      hostJ.map((h, i) => (procJ[i] === null || h <= 0 ? null : (h - procJ[i]!) / h)),
      UNIT.ratio,
      'Unattributed share'
    ),
  ]);
  return [processTable, hostTable];
}

/** pid, exe, cmdline, instance, and the pod labels when any row has them. */
function processLabelFields(rows: Array<Record<string, string>>): FrameField[] {
  const names = ['pid', 'exe', 'cmdline', SCAPH_HOST_LABEL, SCAPH_NAMESPACE_LABEL, SCAPH_POD_LABEL];
  return names
    .filter((name, i) => i < 3 || rows.some((r) => r[name] !== undefined))
    .map((name) =>
      stringColumn(
        name,
        rows.map((r) => r[name] ?? '')
      )
    );
}

/** Processes in the leak frame and notice: named without their host, as the notice always was. */
const SHOW_PROCESS: ProcessPresentation = {
  labelFields: processLabelFields,
  name: (labels) => processName(labels, false),
};

function hostOf(labels: Record<string, string>): string {
  return labels[SCAPH_HOST_LABEL] ?? '';
}

/** `cmdline (pid N)`: the command line as Scaphandre joins it (no separators), else the executable. */
function processName(labels: Record<string, string>, withHost: boolean): string {
  const what = labels.cmdline || labels.exe || 'kernel thread';
  const host = withHost && labels[SCAPH_HOST_LABEL] ? ` on ${labels[SCAPH_HOST_LABEL]}` : '';
  return `${what} (pid ${labels.pid ?? '?'})${host}`;
}

function powerSeries(
  displayName: string,
  field: string,
  labels: Record<string, string>,
  times: number[],
  values: number[],
  unit: string,
  extra: { description?: string } = {}
): Frame {
  return seriesFrame({
    name: displayName,
    times,
    valueName: field,
    values: values.map((v) => (Number.isFinite(v) ? v : null)),
    labels,
    config: { unit, displayNameFromDS: displayName, ...extra },
  });
}

function emptyFrame(metric: Parsed['metric'], notices: FrameNotice[], executed: string): Frame {
  const provenance = { notices, executedQueryString: executed };
  return metric === 'power'
    ? { name: 'processPower', meta: seriesMeta(provenance), fields: [] }
    : tableFrame('processEnergy', [], provenance);
}

/**
 * Nothing matched: asks discovery (over the query's range) why. No Scaphandre process series at
 * all, or a namespace filter without --containers, is a bad query naming what was found; filters
 * that match nothing are a notice.
 */
async function explainNoProcesses(
  instance: DatasourceInstance,
  query: Parsed,
  w: IntegrationWindow
): Promise<FrameNotice> {
  const source = openPrometheus(instance);
  const discovery = await discoverFor(instance, w.startMs, w.endMs);
  const scaph = discovery.findings.scaphandre;
  const when = `between ${new Date(w.startMs).toISOString()} and ${new Date(w.endMs).toISOString()}`;
  const url = (await source.client()).url;
  if (!scaph.processes) {
    throw badQuery(
      `processPower reads Scaphandre's per-process power (${SCAPH_PROCESS_POWER}), which Prometheus at ${url} does not hold ${when}. ` +
        `Found: ${discovery.summary}`
    );
  }
  if (query.namespaces.length > 0 && !scaph.containers) {
    throw badQuery(
      `The namespace filter needs Scaphandre started with --containers, which adds ${SCAPH_NAMESPACE_LABEL} to process series; ` +
        `the Scaphandre process series ${when} carry no container labels (${scaph.evidence.join('; ')}). ` +
        'Clear the namespace filter, or run "scaphandre prometheus --containers".'
    );
  }
  const filters = [
    query.exe ? `exe =~ ${JSON.stringify(query.exe)}` : '',
    query.cmdline ? `cmdline =~ ${JSON.stringify(query.cmdline)}` : '',
    query.namespaces.length > 0 ? `namespace in ${query.namespaces.join(', ')}` : '',
  ].filter(Boolean);
  return {
    severity: 'info',
    text: `No Scaphandre process ${filters.length ? `matches ${filters.join(' and ')} ` : ''}${when}.`,
  };
}
