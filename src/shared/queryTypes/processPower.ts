/** processPower: Scaphandre's per-process power, top N processes, host vs processes, energy leaks. */
import { z } from 'zod';

import { column, defineQueryType } from './definition';
import { join, namespacesText, shorten } from './displayText';

export const DEFAULT_TOP_N = 10;
export const MAX_TOP_N = 200;

const optionalRegex = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === '' ? undefined : s));

/** A whole number of processes; a template variable arrives as text ("5"). */
const topN = z
  .union([z.number(), z.string()], { errorMap: () => ({ message: 'must be a number' }) })
  .optional()
  .transform((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v))
  .pipe(
    z
      .number({ invalid_type_error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_TOP_N, `must be at most ${MAX_TOP_N}`)
      .optional()
  );

const schema = z.object({
  queryType: z.literal('processPower'),
  metric: z.enum(['power', 'energy']).default('power'),
  topN,
  /** Regex on the `exe` label. */
  exe: optionalRegex,
  /** Regex on the `cmdline` label. */
  cmdline: optionalRegex,
  /** Limit to processes of these Kubernetes namespaces (Scaphandre --containers). */
  namespaces: z
    .array(z.string())
    .optional()
    .transform((list) => [...new Set((list ?? []).map((s) => s.trim()).filter((s) => s !== ''))]),
});

export const processPower = defineQueryType(schema)({
  family: 'prometheus',
  label: 'Process power (Scaphandre)',
  description: 'Power or energy of the top N processes, filtered by executable and command line',
  defaults: () => ({ queryType: 'processPower', metric: 'power', topN: DEFAULT_TOP_N }),
  columns: [
    column(
      'power',
      'Measured watts per process and host: RAPL as Scaphandre reads it, not whole-server IT, no PUE (metric power, series)'
    ),
    column(
      'joules',
      'Measured joules per process: RAPL share, not whole-server IT, no PUE (metric energy); of leaking processes when any'
    ),
    column('kWh', 'Measured kWh per process: RAPL share, not whole-server IT, no PUE (metric energy)'),
    column(
      'host_joules',
      'Measured joules of the host: RAPL psys or package + DRAM, not whole-server IT, no PUE (metric energy)'
    ),
    column('processes_joules', 'Measured joules of all processes of the host, no uplift, no PUE (metric energy)'),
    column('unattributed_joules', 'Measured host joules no process accounts for, no uplift, no PUE (metric energy)'),
    column('unattributed_share', 'Share of host energy no process accounts for (metric energy)'),
    column('cpu_percent', 'CPU % of a process that never idles (energy leaks)'),
    column('watts', 'Measured watts burnt by a process that never idles, no uplift, no PUE (energy leaks)'),
  ],
  displayText: (q) =>
    join(
      'Process power',
      q.metric ?? 'power',
      `top ${q.topN ?? DEFAULT_TOP_N}`,
      q.exe && `exe ${shorten(q.exe)}`,
      q.cmdline && `cmdline ${shorten(q.cmdline)}`,
      namespacesText(q.namespaces)
    ),
});
