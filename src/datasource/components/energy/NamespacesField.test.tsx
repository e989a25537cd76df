import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { NamespacesField } from './NamespacesField';
import { fakeSource } from './testUtils';

function setup(datasource: ReturnType<typeof fakeSource> | object = fakeSource(), value?: string[]) {
  const onChange = jest.fn();
  render(<NamespacesField inputId="ns" value={value} datasource={datasource} onChange={onChange} />);
  return { onChange };
}

const open = () => userEvent.click(screen.getByLabelText('Namespaces'));

describe('NamespacesField', () => {
  it('loads namespaces only once its menu opens, and only once', async () => {
    const datasource = fakeSource();
    setup(datasource);
    expect(datasource.getNamespaces).not.toHaveBeenCalled();

    await open();
    expect(await screen.findByText('jobs')).toBeInTheDocument();
    expect(screen.getByText('$namespace')).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    await open();
    expect(datasource.getNamespaces).toHaveBeenCalledTimes(1);
  });

  it('shows stored values, also those the backend does not list', () => {
    setup(fakeSource(), ['legacy', '$namespace']);
    expect(screen.getByText('legacy')).toBeInTheDocument();
    expect(screen.getByText('$namespace')).toBeInTheDocument();
  });

  it('offers free text only when the backend has no namespaces route (404)', async () => {
    const datasource = fakeSource({
      getNamespaces: jest.fn(() => Promise.reject({ status: 404, data: { message: 'No resource "namespaces"' } })),
    });
    const { onChange } = setup(datasource, ['shop']);
    await open();
    expect(await screen.findByText('$namespace')).toBeInTheDocument();
    expect(screen.queryByText(/Could not list namespaces/)).not.toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Namespaces'), 'batch{enter}');
    expect(onChange).toHaveBeenCalledWith(['shop', 'batch']);
    // A missing route stays missing: no second request.
    await userEvent.keyboard('{Escape}');
    await open();
    expect(datasource.getNamespaces).toHaveBeenCalledTimes(1);
  });

  it('says why namespaces could not be listed on other errors, and still takes typed names', async () => {
    const datasource = fakeSource({
      getNamespaces: jest.fn(() => Promise.reject({ status: 502, data: { message: 'Prometheus unreachable' } })),
      getVariables: () => [],
    });
    const { onChange } = setup(datasource);
    await open();
    expect(await screen.findByText(/Could not list namespaces \(Prometheus unreachable\)/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Namespaces'), 'shop{enter}');
    expect(onChange).toHaveBeenCalledWith(['shop']);
  });

  it('works with a datasource that cannot list namespaces at all', async () => {
    const { onChange } = setup({});
    await userEvent.type(screen.getByLabelText('Namespaces'), 'shop{enter}');
    expect(onChange).toHaveBeenCalledWith(['shop']);
  });

  it('reports undefined once the last namespace is removed', async () => {
    const { onChange } = setup(fakeSource(), ['shop']);
    await open();
    await userEvent.keyboard('{Backspace}');
    expect(onChange).toHaveBeenCalledWith(undefined);
  });
});
