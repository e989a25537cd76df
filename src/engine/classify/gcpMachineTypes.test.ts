/**
 * GCP machine types named by a line resolve vCPUs and memory from ccf-coefficients b0032d9
 * (data/gcp-instances-latest-2026.csv rows quoted in the comments).
 */
import { classifyUsage } from '.';
import type { UsageRow } from '../usage';
import { gcpMachineType } from './gcpMachineTypes';

const gcp = (usageType: string, unit: string, extra: Partial<UsageRow> = {}): UsageRow => ({
  start: Date.UTC(2024, 5, 1),
  end: Date.UTC(2024, 6, 1),
  provider: 'gcp',
  account: 'project',
  region: 'europe-west1',
  service: 'Compute Engine',
  serviceCategory: 'Compute',
  usageType,
  unit,
  amount: 720,
  cost: 100,
  currency: 'USD',
  ...extra,
});

describe('GCP machine types', () => {
  it.each([
    // n2-standard-8,8,32,n2-standard,...,Ice Lake; gcp-instances.csv adds Cascade Lake
    ['n2-standard-8', 8, 32],
    // e2-medium,2,4,e2-sharedcores,...
    ['e2-medium', 2, 4],
    // c3-highcpu-22,22,44,c3-highcpu,...,Sapphire Rapids
    ['c3-highcpu-22', 22, 44],
  ])('%s: %d vCPUs, %d GB', (name, vCpus, memoryGb) => {
    expect(gcpMachineType(name)).toMatchObject({ name, vCpus, memoryGb });
    expect(gcpMachineType(`Compute Engine ${name.toUpperCase()} running in Belgium`)?.name).toBe(name);
  });

  it('n2-standard-8 runs on an n2-standard-128 host: 128 vCPUs, 512 GB', () => {
    expect(gcpMachineType('n2-standard-8')).toMatchObject({ platformVCpus: 128, platformMemoryGb: 512 });
    expect(gcpMachineType('n2-standard-8')?.microarchitectures).toEqual(['Ice Lake', 'Cascade Lake']);
  });

  it('shared-core types run on their family host (e2-standard-32: 32 vCPUs, 128 GB)', () => {
    expect(gcpMachineType('e2-micro')).toMatchObject({ platformVCpus: 32, platformMemoryGb: 128 });
  });

  it('unknown or partial names resolve to nothing', () => {
    expect(gcpMachineType('n2-standard-7', 'n2-standard', 'N2 Instance Core', undefined)).toBeUndefined();
  });

  it('a machine-hour row gets vCPUs and memory; a core SKU stays per vCPU-hour', () => {
    const machine = classifyUsage(gcp('Compute Engine', 'hour', { instanceType: 'n2-standard-8' }));
    expect(machine).toMatchObject({ unit: 'hours', instanceVCpus: 8, instanceMemoryGb: 32 });
    const core = classifyUsage(gcp('N2 Instance Core running in Belgium', 'hour'));
    expect(core.unit).toBe('vcpu-hours');
    expect(core.instanceVCpus).toBeUndefined();
  });
});
