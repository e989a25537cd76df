/** carbonEfficiency's table: one row per namespace, CPU as average cores over the range. */
import { JOULES_PER_KWH } from '../../../engine/measuredEnergy';
import type { Frame } from '../../frames/frame';
import type { Provenance } from '../../frames/meta';
import { numberColumn, stringColumn, tableFrame } from '../../frames/table';
import { UNIT } from '../../frames/units';
import type { EfficiencyRow } from './carbonEfficiencyRows';
import { energyColumn } from '../../measured/energyBoundary';
import type { EnergyBoundary } from '../../../shared/vocabulary';

export function efficiencyFrame(
  rows: EfficiencyRow[],
  rangeSeconds: number,
  provenance: Provenance,
  boundary: EnergyBoundary
): Frame {
  return tableFrame(
    'carbonEfficiency',
    [
      stringColumn(
        'namespace',
        rows.map((r) => r.namespace)
      ),
      numberColumn(
        'cpuUsed',
        rows.map((r) => r.used / rangeSeconds),
        UNIT.cores,
        'CPU used (avg)'
      ),
      numberColumn(
        'cpuRequested',
        rows.map((r) => r.requested / rangeSeconds),
        UNIT.cores,
        'CPU requested (avg)'
      ),
      numberColumn(
        'efficiency',
        rows.map((r) => (r.requested > 0 ? r.used / r.requested : null)),
        UNIT.ratio,
        'Used / requested'
      ),
      energyColumn(
        'energy',
        rows.map((r) => r.energy),
        UNIT.joule,
        'Measured energy',
        boundary
      ),
      energyColumn(
        'idleShare',
        rows.map((r) => r.idle),
        UNIT.joule,
        'Node idle share (by request)',
        boundary,
        'Node idle share (by request)'
      ),
      energyColumn(
        'wastedEnergy',
        rows.map((r) => r.wasted),
        UNIT.joule,
        'Requested-but-idle energy',
        boundary,
        'Requested-but-idle'
      ),
      energyColumn(
        'wastedKWh',
        rows.map((r) => r.wasted / JOULES_PER_KWH),
        UNIT.kWh,
        'Requested-but-idle (kWh)',
        boundary,
        'Requested-but-idle'
      ),
      numberColumn(
        'wastedCo2e',
        rows.map((r) => r.grams),
        UNIT.grams,
        'Requested-but-idle CO2e'
      ),
      stringColumn(
        'region',
        rows.map((r) => r.regions)
      ),
    ],
    provenance,
    'hintLast'
  );
}
