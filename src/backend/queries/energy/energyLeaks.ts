/**
 * Energy leaks among Scaphandre's processes, for processPower: processes busy at a flat level for
 * the whole range, as a busy loop is. The condition, its thresholds and why they are what they are
 * live with the rest of the Scaphandre PromQL (scaphandreQueries.ts, LEAK_*); this module runs it
 * and turns what it finds into a numeric-long frame and a notice.
 */
import { someOf } from '../../frames/noticeText';
import type { Frame, FrameField, FrameNotice } from '../../frames/frame';
import { numberColumn, tableFrame } from '../../frames/table';
import { UNIT } from '../../frames/units';
import type { IntegrationWindow } from '../../measured/integrationWindow';
import { labelKey, type PromRun, withoutName } from '../../measured/promRun';
import {
  LEAK_MAX_CPU_VARIATION,
  LEAK_MIN_CPU_PERCENT,
  LEAK_MIN_RANGE_MS,
  leakCpuPercent,
  leakJoules,
  type ProcessFilter,
} from '../../measured/scaphandreQueries';

export interface Leak {
  labels: Record<string, string>;
  joules: number;
  cpuPercent: number | null;
}

/** How the caller shows a process: its label columns and its name. */
export interface ProcessPresentation {
  labelFields(rows: Array<Record<string, string>>): FrameField[];
  name(labels: Record<string, string>): string;
}

/** Starts looking for leaks, or undefined when the range is too short for "flat for the whole range" to say much. */
export function startLeakSearch(
  prom: PromRun,
  filter: ProcessFilter,
  w: IntegrationWindow
): Promise<Leak[]> | undefined {
  return w.rangeMs >= LEAK_MIN_RANGE_MS ? findLeaks(prom, filter, w) : undefined;
}

/** The leak frame and notices for a search's result (undefined: not looked for). */
export function leakOutput(
  leaks: Leak[] | undefined,
  w: IntegrationWindow,
  show: ProcessPresentation
): { frames: Frame[]; notices: FrameNotice[] } {
  if (!leaks) {
    return {
      frames: [],
      notices: [
        {
          severity: 'info',
          text: `Energy leaks are looked for over ranges of ${LEAK_MIN_RANGE_MS / 60_000} minutes or more.`,
        },
      ],
    };
  }
  return {
    frames: [leakFrame(leaks, w, show)],
    notices: leaks.length > 0 ? [{ severity: 'warning', text: leakNotice(leaks, w, show) }] : [],
  };
}

async function findLeaks(prom: PromRun, filter: ProcessFilter, w: IntegrationWindow): Promise<Leak[]> {
  const [joules, cpu] = await Promise.all([
    prom.instant(leakJoules(filter, w), w),
    prom.instant(leakCpuPercent(filter, w), w),
  ]);
  const cpuBy = new Map(cpu.map((s) => [labelKey(s.labels), s.value]));
  return joules
    .map((s) => ({ labels: withoutName(s.labels), joules: s.value, cpuPercent: cpuBy.get(labelKey(s.labels)) ?? null }))
    .sort((a, b) => b.joules - a.joules);
}

function leakFrame(leaks: Leak[], w: IntegrationWindow, show: ProcessPresentation): Frame {
  return tableFrame(
    'energyLeaks',
    [
      ...show.labelFields(leaks.map((l) => l.labels)),
      numberColumn(
        'cpu_percent',
        leaks.map((l) => l.cpuPercent),
        UNIT.percent,
        'CPU (% of all cores)',
        { decimals: 2 }
      ),
      numberColumn(
        'watts',
        leaks.map((l) => l.joules / w.rangeSeconds),
        UNIT.watt,
        'Power burnt (W)'
      ),
      numberColumn(
        'joules',
        leaks.map((l) => l.joules),
        UNIT.joule,
        'Energy over the range (J)'
      ),
    ],
    { notices: leaks.length > 0 ? [{ severity: 'warning', text: leakNotice(leaks, w, show) }] : [] }
  );
}

export function leakDefinition(): string {
  return (
    `CPU share never below ${LEAK_MIN_CPU_PERCENT}% of all cores, varying by at most ${LEAK_MAX_CPU_VARIATION * 100}% ` +
    'of its mean (stddev/mean), running from the start to the end of the range'
  );
}

function leakNotice(leaks: Leak[], w: IntegrationWindow, show: ProcessPresentation): string {
  const listed = someOf(
    leaks.map((l) => `${show.name(l.labels)}: ${(l.joules / w.rangeSeconds).toFixed(1)} W, ${formatJoules(l.joules)}`),
    5,
    '; '
  );
  const what =
    leaks.length === 1 ? '1 process looks like an energy leak' : `${leaks.length} processes look like energy leaks`;
  return `${what} (busy at a flat level for the whole range, as a busy loop is): ${listed}. Definition: ${leakDefinition()}.`;
}

function formatJoules(j: number): string {
  return j >= 1e6 ? `${(j / 1e6).toFixed(2)} MJ` : j >= 1e3 ? `${(j / 1e3).toFixed(1)} kJ` : `${j.toFixed(0)} J`;
}
