import React from 'react';
import { SelectableValue } from '@grafana/data';

import { DEFAULT_ENERGY_BOUNDARY, EnergyBoundary } from '../../types';
import { RadioField } from './fields';

/** What the measured energy columns hold (docs/methodology.md §9); the backend's default is IT. */
export const ENERGY_BOUNDARY_OPTIONS: Array<SelectableValue<EnergyBoundary>> = [
  {
    value: 'it',
    label: 'IT (whole server)',
    description: 'RAPL psys, else package + DRAM, × an uplift for power supply, fans, board, NIC and drives',
  },
  { value: 'facility', label: 'Facility', description: 'IT energy × the PUE of each node’s provider and region' },
  { value: 'measured', label: 'As measured', description: 'The exporter’s reading (one RAPL zone), no uplift, no PUE' },
];

export const ENERGY_BOUNDARY_TOOLTIP =
  'IT: the whole server at the wall, from what the exporter measures (psys, else CPU package + DRAM) with a ' +
  'documented uplift for what RAPL does not see. Facility: IT × PUE (needs each node’s region). As measured: ' +
  'the RAPL zone as the exporter reads it. CO2e is always facility energy × grid intensity.';

export function EnergyBoundaryField({
  value,
  onChange,
}: {
  value: EnergyBoundary | undefined;
  onChange: (energyBoundary: EnergyBoundary) => void;
}) {
  return (
    <RadioField<EnergyBoundary>
      label="Energy"
      tooltip={ENERGY_BOUNDARY_TOOLTIP}
      options={ENERGY_BOUNDARY_OPTIONS}
      value={value ?? DEFAULT_ENERGY_BOUNDARY}
      onChange={onChange}
    />
  );
}
