/**
 * The Workloads filter of namespaceEnergy in the editor (options from the `workloads` route for
 * the chosen namespaces, typed names, variables) and through applyTemplateVariables (a whole
 * `$workload` set to All is no filter, like the other filter lists).
 */
import { ScopedVars } from '@grafana/data';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { queryDisplayText } from '../../queryDisplayText';
import type { ListedOption } from '../../resources';
import { makeDataSource } from '../../testDataSource';
import type { NamespaceEnergyQuery } from '../../types';
import { NamespaceEnergyEditor } from './NamespaceEnergyEditor';
import { WORKLOADS_TOOLTIP } from './NamespaceEnergyEditorWorkloads';
import type { EnergyEditorSource } from './fields';
import { fakeSource, renderEditor } from './testUtils';

const BASE: NamespaceEnergyQuery = { refId: 'A', queryType: 'namespaceEnergy', groupBy: 'workload', metric: 'energy' };

/** What the route answers (kubernetesLists.ts listWorkloads): the name, and kinds and namespaces in the label. */
const LISTED: ListedOption[] = [
  { value: 'api', text: 'api (Deployment in shop)' },
  { value: 'report', text: 'report (CronJob in jobs)' },
];

const source = () =>
  Object.assign(fakeSource({ getVariables: () => ['$namespace', '$workload'] }), {
    getWorkloads: jest.fn((_namespace?: string) => Promise.resolve(LISTED)),
  });

const setup = (query: Partial<NamespaceEnergyQuery> = {}, datasource: EnergyEditorSource = source()) =>
  renderEditor(NamespaceEnergyEditor, { ...BASE, ...query }, datasource);

const openWorkloads = () => userEvent.click(screen.getByLabelText('Workloads'));

describe('Workloads field', () => {
  it('lists the workloads of the chosen namespaces, as one exact regex', async () => {
    const datasource = source();
    await setup({ namespaces: ['shop', 'jobs'] }, datasource);
    await openWorkloads();
    expect(await screen.findByText('api (Deployment in shop)')).toBeInTheDocument();
    expect(datasource.getWorkloads).toHaveBeenCalledWith('(shop|jobs)');
  });

  it('lists every workload while no namespace, or a variable, is chosen', async () => {
    const datasource = source();
    await setup({ namespaces: ['$namespace'] }, datasource);
    await openWorkloads();
    await screen.findByText('report (CronJob in jobs)');
    expect(datasource.getWorkloads).toHaveBeenCalledWith(undefined);
  });

  it('picking a listed workload, a typed name and a variable updates the query and runs it', async () => {
    const { onChange, onRunQuery, last } = await setup();
    await openWorkloads();
    await userEvent.click(await screen.findByText('api'));
    expect(onChange).toHaveBeenLastCalledWith({ ...BASE, workloads: ['api'] });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    await userEvent.type(screen.getByLabelText('Workloads'), 'checkout{enter}');
    await openWorkloads();
    await userEvent.click(await screen.findByText('$workload'));
    expect(last().workloads).toEqual(['api', 'checkout', '$workload']);
  });

  it('removing the last workload leaves no filter in the query', async () => {
    const { last } = await setup({ workloads: ['api'] });
    expect(screen.getByText('api')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /remove/i }));
    expect(last().workloads).toBeUndefined();
    expect(screen.getByText('All workloads')).toBeInTheDocument();
  });

  it('flags namespace/name before the backend refuses it', async () => {
    await setup({ workloads: ['shop/api', '$workload'] });
    expect(screen.getByText('"shop/api": give the workload name alone, e.g. "api"')).toBeInTheDocument();
  });

  it('works without the route (older datasource): typed names only', async () => {
    const { last } = await setup({}, fakeSource());
    await userEvent.type(screen.getByLabelText('Workloads'), 'api{enter}');
    expect(last().workloads).toEqual(['api']);
  });

  it('explains the semantics in its help', () => {
    expect(WORKLOADS_TOOLTIP).toMatch(/Grouped by namespace or node, each sums only those pods/);
    expect(WORKLOADS_TOOLTIP).toMatch(/set to All it filters nothing/);
  });
});

/** A stand-in TemplateSrv (as in datasource.allValue.test.ts): `$workload` set to All, `$picked` two values. */
const VARIABLES: Record<string, string[]> = { workload: ['$__all'], picked: ['api', 'web'] };
const OPTIONS: Record<string, string[]> = { workload: ['api', 'report', 'web'], picked: ['api', 'web'] };
const templateSrv = {
  getVariables: () => Object.entries(VARIABLES).map(([name, value]) => ({ name, current: { value }, options: [] })),
  replace: (target = '', _scoped?: ScopedVars, format?: unknown) =>
    target.replace(/\$(\w+)/g, (match, name: string) => {
      const value = VARIABLES[name]?.includes('$__all') ? OPTIONS[name] : VARIABLES[name];
      if (!value) {
        return match;
      }
      return typeof format === 'function' ? format(value) : value.join(',');
    }),
};
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getTemplateSrv: () => templateSrv,
}));

describe('applyTemplateVariables: workloads', () => {
  const ds = makeDataSource();
  const apply = (workloads: string[]) =>
    (ds.applyTemplateVariables({ ...BASE, workloads }, {}) as NamespaceEnergyQuery).workloads;

  it('$workload set to All is no filter, not the workloads it happened to list', () => {
    expect(apply(['$workload'])).toEqual([]);
    expect(apply(['$workload', 'db'])).toEqual(['db']);
  });

  it('a multi-value variable adds one workload per value', () => {
    expect(apply(['$picked', 'api'])).toEqual(['api', 'web']);
  });

  it("the query's display line names the workloads", () => {
    expect(queryDisplayText({ ...BASE, namespaces: ['shop'], workloads: ['api', 'web'] })).toBe(
      'Kubernetes energy · energy by workload · namespaces shop · workloads api, web'
    );
  });
});
