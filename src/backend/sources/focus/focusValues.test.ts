import { BadValue, decimal, looksLikeRegionId, normaliseProvider, skuDetails, text, TimeParser } from './focusValues';

describe('FOCUS values', () => {
  it('reads NULL and empty cells as null', () => {
    expect(text('NULL')).toBeUndefined();
    expect(text('')).toBeUndefined();
    expect(text(null)).toBeUndefined();
    expect(text('us-east-1')).toBe('us-east-1');
    expect(text(3)).toBe('3');
  });

  it('parses decimals from strings, numbers and bigints, and rejects the rest', () => {
    expect(decimal('0.00000080000', 'BilledCost')).toBe(8e-7);
    expect(decimal('-2.5', 'BilledCost')).toBe(-2.5);
    expect(decimal('1e3', 'BilledCost')).toBe(1000);
    expect(decimal(12, 'BilledCost')).toBe(12);
    expect(decimal(BigInt(7), 'BilledCost')).toBe(7);
    expect(decimal('NULL', 'BilledCost')).toBeUndefined();
    expect(() => decimal('1,5', 'ConsumedQuantity')).toThrow(new BadValue('ConsumedQuantity "1,5" is not a number'));
    expect(() => decimal('abc', 'EffectiveCost')).toThrow(BadValue);
    expect(() => decimal('Infinity', 'EffectiveCost')).toThrow(BadValue);
  });

  it('parses FOCUS date-times as UTC whatever the server zone', () => {
    const p = new TimeParser();
    const t = Date.parse('2024-09-18T22:00:00Z');
    expect(p.parse('2024-09-18 22:00:00', 'ChargePeriodStart')).toBe(t);
    expect(p.parse('2024-09-18T22:00:00Z', 'ChargePeriodStart')).toBe(t);
    expect(p.parse('2024-09-18T22:00:00.000Z', 'ChargePeriodStart')).toBe(t);
    expect(p.parse('2024-09-19T00:00:00+02:00', 'ChargePeriodStart')).toBe(t);
    expect(p.parse('2024-09-18T17:00:00-0500', 'ChargePeriodStart')).toBe(t);
    expect(p.parse('2024-09-18 22:00:00 UTC', 'ChargePeriodStart')).toBe(t);
    expect(p.parse('2024-09-18', 'ChargePeriodStart')).toBe(Date.parse('2024-09-18T00:00:00Z'));
    expect(p.parse(new Date(t), 'ChargePeriodStart')).toBe(t);
    expect(() => p.parse('2024-02-30 00:00:00', 'ChargePeriodStart')).toThrow(BadValue);
    expect(() => p.parse('2024-09-18 24:00:00', 'ChargePeriodStart')).toThrow(BadValue);
    expect(() => p.parse('yesterday', 'ChargePeriodStart')).toThrow('ChargePeriodStart "yesterday" is not a date-time');
    expect(() => p.parse('NULL', 'ChargePeriodStart')).toThrow('ChargePeriodStart is empty');
  });

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

  it('tells region ids from display names', () => {
    expect(looksLikeRegionId('us-sanjose-1')).toBe(true);
    expect(looksLikeRegionId('westeurope')).toBe(true);
    expect(looksLikeRegionId('US West (Oregon)')).toBe(false);
    expect(looksLikeRegionId('East US')).toBe(false);
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
