import React from 'react';
import { render, screen } from '@testing-library/react';

import { AvailabilityHint } from './AvailabilityHint';
import { DISCOVERY, fakeSource, settle } from './testUtils';

describe('AvailabilityHint', () => {
  it('lists what was found when the query type is not available, without a reason of its own', async () => {
    const discovery = { exporters: [], queryTypes: { processPower: { available: false } } };
    render(
      <AvailabilityHint
        queryType="processPower"
        datasource={fakeSource({ getExporters: () => Promise.resolve(discovery) })}
      />
    );
    await settle();
    expect(screen.getByText('The exporters this query reads were not found in Prometheus.')).toBeInTheDocument();
    expect(screen.getByText('No supported exporter was found.')).toBeInTheDocument();
  });

  it('mentions the limit of an available query type', async () => {
    const discovery = {
      exporters: [],
      queryTypes: { namespaceEnergy: { available: true, reason: 'GPU energy only: no CPU energy exporter found' } },
    };
    const datasource = fakeSource({ getExporters: () => Promise.resolve(discovery) });
    render(<AvailabilityHint queryType="namespaceEnergy" datasource={datasource} />);
    await settle();
    expect(screen.getByRole('status', { name: 'Kubernetes energy (measured): limited data' })).toBeInTheDocument();
    expect(screen.getByText('GPU energy only: no CPU energy exporter found')).toBeInTheDocument();
  });

  it('says nothing for available or unlisted query types, or when the backend has no discovery route', async () => {
    const notFound = fakeSource({ getExporters: () => Promise.reject({ status: 404 }) });
    const known = fakeSource({ getExporters: () => Promise.resolve(DISCOVERY) });
    const unlisted = fakeSource({ getExporters: () => Promise.resolve({ exporters: [], queryTypes: {} }) });
    render(
      <>
        <AvailabilityHint queryType="namespaceEnergy" datasource={known} />
        <AvailabilityHint queryType="processPower" datasource={notFound} />
        <AvailabilityHint queryType="promqlEnergy" datasource={unlisted} />
        <AvailabilityHint queryType="promqlEnergy" datasource={{}} />
      </>
    );
    await settle();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('asks the backend once per datasource, however many editors show', async () => {
    const datasource = fakeSource({ getExporters: jest.fn(() => Promise.resolve(DISCOVERY)) });
    render(
      <>
        <AvailabilityHint queryType="processPower" datasource={datasource} />
        <AvailabilityHint queryType="costVsCarbon" datasource={datasource} />
      </>
    );
    await settle();
    expect(datasource.getExporters).toHaveBeenCalledTimes(1);
    expect(screen.getAllByRole('alert')).toHaveLength(2);
  });
});
