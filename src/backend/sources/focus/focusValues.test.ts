import { normaliseProvider, skuDetails } from './focusValues';

describe('FOCUS values', () => {
  it('normalises provider names', () => {
    expect(normaliseProvider('AWS')).toBe('aws');
    expect(normaliseProvider('Amazon Web Services, Inc.')).toBe('aws');
    expect(normaliseProvider('Microsoft')).toBe('azure');
    expect(normaliseProvider('Microsoft Azure')).toBe('azure');
    expect(normaliseProvider('Google Cloud')).toBe('gcp');
    expect(normaliseProvider('Oracle')).toBe('oci');
    expect(normaliseProvider('Oracle Cloud Infrastructure')).toBe('oci');
    expect(normaliseProvider('Snowflake')).toBe('snowflake');
  });

  it('reads instance type and vCPUs from SKU detail JSON', () => {
    expect(skuDetails('{"ServiceType":"Standard_D2s_v3","VCPUs":2}')).toEqual({
      instanceType: 'Standard_D2s_v3',
      vCpus: 2,
    });
    expect(skuDetails('{"InstanceType":"m5.xlarge","CoreCount":"4"}')).toEqual({ instanceType: 'm5.xlarge', vCpus: 4 });
    expect(skuDetails('{"ServiceType":"Premium SSD"}')).toEqual({});
    expect(skuDetails('not json')).toEqual({});
  });
});
