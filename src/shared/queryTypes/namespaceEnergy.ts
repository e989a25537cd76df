/** namespaceEnergy: measured power, energy and CO2e per namespace, pod, workload or node. */
import { z } from 'zod';

import { ENERGY_METRICS, IDLE_POWER_MODES, WORKLOAD_GROUP_BY } from '../vocabulary';
import { column, defineQueryType } from './definition';
import { join, list, namespacesText } from './displayText';
import { energyBoundaryField, namespacesField, workloadsField } from './fields';

const schema = z.object({
  queryType: z.literal('namespaceEnergy'),
  groupBy: z.enum(WORKLOAD_GROUP_BY),
  namespaces: namespacesField,
  /** power: watts over time; energy: Joules (and kWh) over the range; co2e: grams CO2e. */
  metric: z.enum(ENERGY_METRICS),
  /** Node idle power, which Kepler 0.10+ attributes to nobody: left out, or shared by CPU request or usage. */
  idlePower: z.enum(IDLE_POWER_MODES).default('exclude'),
  /** IT (default), facility, or measured: what the power, energy and kWh columns hold. */
  energyBoundary: energyBoundaryField,
  /** With energyBoundary `measured`: the RAPL zone to read (zones overlap: one zone only). Default `package`. */
  zone: z.string().trim().min(1, 'zone cannot be empty').optional(),
  /**
   * Only pods of these workloads count: names as the `workloads` variable/route lists them (Deployment,
   * StatefulSet, DaemonSet, CronJob, Job or bare-pod name, e.g. `api`, without namespace or kind), matched in
   * every namespace that has them (`namespaces` narrows). With groupBy workload or pod the rows are those
   * workloads or their pods; with namespace or node, each namespace or node sums only those workloads' pods
   * (idle shares included). All when absent or empty; `$workload` set to All means no filter.
   */
  workloads: workloadsField,
});

export const namespaceEnergy = defineQueryType(schema)({
  family: 'prometheus',
  label: 'Kubernetes energy (measured)',
  description:
    'Measured power, energy and CO2e per namespace, pod, workload or node (Kepler, Scaphandre --containers, DCGM)',
  // Power rather than CO2e: it needs no region, so it shows data as soon as exporters do.
  defaults: () => ({
    queryType: 'namespaceEnergy',
    groupBy: 'namespace',
    metric: 'power',
    idlePower: 'exclude',
    energyBoundary: 'it',
    zone: 'package',
  }),
  columns: [
    column('power', 'Watts, IT (whole server) or facility as energyBoundary says (metric power, series)'),
    column('energy', 'Joules, IT (whole server) or facility as energyBoundary says (metrics energy and co2e)'),
    column('kWh', 'kWh, IT (whole server) or facility as energyBoundary says (metrics energy and co2e)'),
    column('cpu', 'Joules of the CPU source, IT or facility as energyBoundary says (metric energy)'),
    column(
      'gpu',
      'Joules measured on GPUs with DCGM (board power), IT or facility as energyBoundary says (metric energy)'
    ),
    column(
      'idle',
      'Joules of node idle power shared out, IT or facility as energyBoundary says (metric energy, idle power not excluded)'
    ),
    column('co2e', 'Grams CO2e: IT energy × PUE (facility energy) × grid intensity (metric co2e)'),
    column('gridFactor', 'gCO2e per kWh of the kWh column: grid × PUE for IT, grid alone for facility (metric co2e)'),
  ],
  displayText: (q) =>
    join(
      'Kubernetes energy',
      `${q.metric ?? 'energy'} by ${q.groupBy ?? 'namespace'}`,
      namespacesText(q.namespaces),
      q.workloads?.length ? `workloads ${list(q.workloads)}` : undefined,
      q.idlePower && q.idlePower !== 'exclude' ? `idle power ${q.idlePower}` : undefined,
      q.energyBoundary && q.energyBoundary !== 'it' ? `${q.energyBoundary} energy` : undefined,
      q.zone && q.zone !== 'package' ? `zone ${q.zone}` : undefined
    ),
});
