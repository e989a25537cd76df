import { billingCodeOfRegion, isEdgePrefix, regionOfBillingCode, splitRegionPrefix } from './awsRegionPrefixes';

describe('region billing codes', () => {
  // AWS "Region billing codes": both directions of the one table.
  it.each([
    ['EUW1', 'eu-west-1'],
    ['APS3', 'ap-south-1'],
    ['APS4', 'ap-southeast-3'],
    ['APE2', 'ap-east-2'],
    ['APS8', 'ap-southeast-7'],
    ['UGW1', 'us-gov-west-1'],
    ['MXC1', 'mx-central-1'],
  ])('%s is %s', (code, region) => {
    expect(regionOfBillingCode(code)).toBe(region);
    expect(billingCodeOfRegion(region)).toBe(code);
  });

  it('names eu-west-1 by its code, not by the legacy EU prefix that also reads as eu-west-1', () => {
    expect(splitRegionPrefix('EU-BoxUsage:m5.large', false).region).toBe('eu-west-1');
    expect(regionOfBillingCode('EU')).toBeUndefined();
    expect(billingCodeOfRegion('eu-west-1')).toBe('EUW1');
  });

  it('knows no code for unknown regions and no region for unknown codes', () => {
    expect(billingCodeOfRegion('xx-nowhere-9')).toBeUndefined();
    expect(regionOfBillingCode('XYZ9')).toBeUndefined();
  });

  it('reads edge groups as a prefix without a region', () => {
    expect(isEdgePrefix('JP')).toBe(true);
    expect(isEdgePrefix('Global')).toBe(true);
    expect(isEdgePrefix('EUW1')).toBe(false);
    expect(splitRegionPrefix('Global-SoftwareUsage-Contracts', false)).toEqual({
      prefix: 'Global',
      rest: 'SoftwareUsage-Contracts',
      region: '',
    });
    expect(splitRegionPrefix('APE2-BoxUsage:m5.large', false)).toEqual({
      prefix: 'APE2',
      rest: 'BoxUsage:m5.large',
      region: 'ap-east-2',
    });
  });
});
