import { instanceTypeFromUsageType, instanceTypeInText, regionFromUsageType } from './usageType';

describe('regionFromUsageType', () => {
  it.each([
    ['USE1-BoxUsage:m5.large', 'us-east-1'],
    ['USE2-Lambda-GB-Second', 'us-east-2'],
    ['USW2-EBS:VolumeUsage.gp3', 'us-west-2'],
    ['EUW1-BoxUsage:c5.2xlarge', 'eu-west-1'],
    ['EUC1-InstanceUsage:db.r5.large', 'eu-central-1'],
    ['APN1-SpotUsage:m5.xlarge', 'ap-northeast-1'],
    ['APS3-DataTransfer-Out-Bytes', 'ap-south-1'],
    ['SAE1-TimedStorage-ByteHrs', 'sa-east-1'],
    ['CAN1-NatGateway-Hours', 'ca-central-1'],
    ['UGW1-BoxUsage:t3.micro', 'us-gov-west-1'],
    // inter-region transfer: billed where the bytes leave
    ['USE1-EUW1-AWS-Out-Bytes', 'us-east-1'],
    // local zone: its parent region
    ['USE1-MIA1-BoxUsage:c5.large', 'us-east-1'],
  ])('%s → %s', (usageType, region) => expect(regionFromUsageType(usageType)).toBe(region));

  it('takes usage types without a prefix as us-east-1', () => {
    expect(regionFromUsageType('BoxUsage:m5.large')).toBe('us-east-1');
    expect(regionFromUsageType('TimedStorage-ByteHrs')).toBe('us-east-1');
    expect(regionFromUsageType('DataTransfer-Out-Bytes')).toBe('us-east-1');
    expect(regionFromUsageType('')).toBe('us-east-1');
  });

  it('gives edge zones and unknown billing codes no region rather than a wrong one', () => {
    expect(regionFromUsageType('US-DataTransfer-Out-Bytes')).toBe('');
    expect(regionFromUsageType('EU-Requests-Tier1')).toBe('');
    expect(regionFromUsageType('JP-DataTransfer-Out-Bytes')).toBe('');
    expect(regionFromUsageType('XYZ9-BoxUsage:m5.large')).toBe('');
    expect(regionFromUsageType('Global-SoftwareUsage-Contracts')).toBe('');
  });

  it('reads codes of the newest regions, and lower-case codes', () => {
    expect(regionFromUsageType('APE2-BoxUsage:m5.large')).toBe('ap-east-2');
    expect(regionFromUsageType('APS8-BoxUsage:m5.large')).toBe('ap-southeast-7');
    expect(regionFromUsageType('euw1-BoxUsage:m5.large')).toBe('eu-west-1');
  });
});

describe('instance types', () => {
  it.each([
    ['BoxUsage:m5.large', 'm5.large'],
    ['USE1-BoxUsage:c5.2xlarge', 'c5.2xlarge'],
    ['EUW1-SpotUsage:m7i-flex.xlarge', 'm7i-flex.xlarge'],
    ['InstanceUsage:db.r5.large', 'db.r5.large'],
    ['NodeUsage:cache.t3.micro', 'cache.t3.micro'],
    ['BoxUsage:m5.metal', 'm5.metal'],
    ['BoxUsage:u-6tb1.112xlarge', 'u-6tb1.112xlarge'],
  ])('%s → %s', (usageType, type) => expect(instanceTypeFromUsageType(usageType)).toBe(type));

  it('ignores what only looks like one', () => {
    expect(instanceTypeFromUsageType('EBS:VolumeUsage.gp2')).toBeUndefined();
    expect(instanceTypeFromUsageType('Requests-Tier1')).toBeUndefined();
    expect(instanceTypeFromUsageType('BoxUsage')).toBeUndefined();
  });

  it('finds one in a charge description', () => {
    expect(instanceTypeInText('$0.34 per On Demand Linux c5.2xlarge Instance Hour')).toBe('c5.2xlarge');
    expect(instanceTypeInText('USD 0.023 per db.t3.micro Single-AZ instance hour')).toBe('db.t3.micro');
    expect(instanceTypeInText('AWS Marketplace hourly software usage|us-east-1|m5.2xlarge')).toBe('m5.2xlarge');
    expect(instanceTypeInText('$0.045 per NAT Gateway Hour')).toBeUndefined();
  });
});
