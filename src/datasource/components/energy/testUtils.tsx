/** Shared by the energy editor tests; not bundled (nothing in the plugin imports it). */
import React from 'react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { summariseSettings } from '../../settingsSummary';
import type { ExporterDiscovery } from '../../resources';
import type { CarbonDataSourceOptions } from '../../types';
import { renderStatefulEditor } from '../testUtils';
import type { EnergyEditorProps, EnergyEditorSource } from './fields';

export { renderStatefulEditor, settle } from '../testUtils';

export const PROMETHEUS: CarbonDataSourceOptions = { prometheus: { url: 'http://prometheus:9090' } };

export const DISCOVERY: ExporterDiscovery = {
  exporters: [
    { id: 'kepler-0.10', name: 'Kepler 0.10+', present: true },
    { id: 'scaphandre', name: 'Scaphandre', present: false },
    { id: 'opencost', name: 'OpenCost', present: true, detail: 'v1.110' },
  ],
  queryTypes: {
    namespaceEnergy: { available: true },
    processPower: { available: false, reason: 'Needs Scaphandre, which was not found in Prometheus.' },
    costVsCarbon: { available: false, reason: 'Needs OpenCost and an energy exporter.' },
    carbonEfficiency: { available: false, reason: 'Needs kube-state-metrics and cAdvisor.' },
    energyPerUnit: { available: false, reason: 'No energy exporter found.' },
    promqlEnergy: { available: false, reason: 'Prometheus did not answer.' },
  },
};

export function fakeSource(overrides: Partial<EnergyEditorSource> = {}, jsonData = PROMETHEUS) {
  return {
    settingsSummary: summariseSettings(jsonData),
    getVariables: () => ['$namespace'],
    getNamespaces: jest.fn(() => Promise.resolve(['jobs', 'shop'])),
    getNodes: jest.fn(() =>
      Promise.resolve([
        { value: 'ip-10-0-1-23.eu-west-1.compute.internal', text: 'ip-10-0-1-23.eu-west-1.compute.internal' },
      ])
    ),
    getProcesses: jest.fn(() =>
      Promise.resolve([
        { value: '/usr/sbin/nginx', text: '/usr/sbin/nginx' },
        { value: '/usr/bin/python3.11', text: '/usr/bin/python3.11' },
      ])
    ),
    // Nothing known by default, so editors show no hint unless a test asks for one.
    getExporters: jest.fn(() => Promise.resolve<ExporterDiscovery>({ exporters: [], queryTypes: {} })),
    getRegions: jest.fn(() =>
      Promise.resolve([
        { provider: 'aws' as const, region: 'eu-west-1', location: 'Ireland' },
        { provider: 'gcp' as const, region: 'europe-west1', location: 'Belgium' },
      ])
    ),
    ...overrides,
  };
}

export function renderEditor<Q>(
  Editor: (props: EnergyEditorProps<Q>) => React.ReactElement | null,
  query: Q,
  datasource: EnergyEditorSource = fakeSource()
) {
  return renderStatefulEditor(Editor, query, datasource);
}

/** Opens a select by its label and picks an option by its text. */
export async function pick(label: string | RegExp, option: string) {
  await userEvent.click(screen.getByLabelText(label));
  await userEvent.click(await screen.findByText(option));
}
