import { findColumns } from './focusColumns';

const FOCUS_10 = [
  'BilledCost',
  'BillingCurrency',
  'ChargeCategory',
  'ChargeClass',
  'ChargePeriodStart',
  'ConsumedQuantity',
  'ConsumedUnit',
  'EffectiveCost',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'RegionId',
  'ServiceName',
  'SubAccountId',
  'Id',
];

describe('findColumns', () => {
  it('finds a FOCUS 1.0 header with nothing missing and ignores unknown columns', () => {
    const { layout, missing } = findColumns(FOCUS_10);
    expect(missing).toEqual([]);
    expect(layout.provider).toBe(FOCUS_10.indexOf('ProviderName'));
    expect(layout.usageType).toBeUndefined();
  });

  it('accepts the FOCUS 1.3 provider columns instead of ProviderName', () => {
    const v13 = [...FOCUS_10.filter((c) => c !== 'ProviderName'), 'ServiceProviderName', 'HostProviderName'];
    const { layout, missing } = findColumns(v13);
    expect(missing).toEqual([]);
    expect(layout.serviceProvider).toBe(v13.indexOf('ServiceProviderName'));
    expect(layout.hostProvider).toBe(v13.indexOf('HostProviderName'));
  });

  it('matches names regardless of case and spaces, and prefers x_UsageType for the usage type', () => {
    const { layout, missing } = findColumns([
      ...FOCUS_10.map((c) => ` ${c.toLowerCase()} `),
      'SkuMeter',
      'x_UsageType',
    ]);
    expect(missing).toEqual([]);
    expect(layout.usageType).toBe(FOCUS_10.length + 1);
  });

  it('lists what is missing with the versions that name it', () => {
    const { missing } = findColumns(['ChargeType', 'ServiceName']);
    expect(missing).toContain('ChargeCategory (FOCUS 1.0–1.3; FOCUS 0.5 called it ChargeType, which is not supported)');
    expect(missing).toContain('ProviderName (FOCUS 1.0–1.2) or ServiceProviderName / HostProviderName (FOCUS 1.3)');
    expect(missing).not.toContain('ServiceName (FOCUS 1.0–1.3)');
  });
});
