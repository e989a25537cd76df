import { classifyBatch, classifyUsage, cloudFamily, createUsageClassifier, normaliseUnit } from '.';
import type { UsageRow } from '../usage';

const row = (over: Partial<UsageRow>): UsageRow => ({
  start: Date.UTC(2024, 1, 1),
  end: Date.UTC(2024, 1, 2),
  provider: 'aws',
  account: '1',
  region: '',
  service: 'AmazonEC2',
  usageType: 'BoxUsage:m5.large',
  unit: 'Hrs',
  amount: 1,
  cost: 1,
  currency: 'USD',
  ...over,
});

describe('unit normalisation', () => {
  it.each([
    ['Hrs', 'hours', 1],
    ['Hours', 'hours', 1],
    ['10 Hours', 'hours', 10],
    ['vCPU-Hours', 'vcpu-hours', 1],
    ['DPU-Hour', 'dpu-hours', 1],
    ['ACU-Hr', 'acu-hours', 1],
    ['OCPU Hours', 'ocpu-hours', 1],
    ['GB-Hours', 'gb-hours', 1],
    ['GB Hours', 'gb-hours', 1],
    ['GB-Mo', 'gb-months', 1],
    ['GB-Month', 'gb-months', 1],
    ['GB-Months', 'gb-months', 1],
    ['GB-Mp', 'gb-months', 1],
    ['1 TB/Month', 'gb-months', 1000],
    ['GB', 'gb', 1],
    ['GigaBytes', 'gb', 1],
    ['seconds', 'seconds', 1],
    ['Second', 'seconds', 1],
    ['Lambda-GB-Second', 'gb-seconds', 1],
    ['Lambda-GB-Seconds', 'gb-seconds', 1],
    ['Requests', 'requests', 1],
    ['IOPS-Mo', 'other', 1],
  ])('%s → %s ×%d', (raw, unit, multiplier) => {
    expect(normaliseUnit(raw)).toEqual({ unit, multiplier });
  });
});

describe('AWS usage types', () => {
  it.each([
    ['BoxUsage:m5.large', 'us-east-1', ''],
    ['USE1-BoxUsage:m5.large', 'us-east-1', 'USE1'],
    ['USE2-BoxUsage:m5.large', 'us-east-2', 'USE2'],
    ['EUW1-BoxUsage:m5.large', 'eu-west-1', 'EUW1'],
    ['APN1-BoxUsage:m5.large', 'ap-northeast-1', 'APN1'],
    ['APS3-BoxUsage:m5.large', 'ap-south-1', 'APS3'],
    ['EU-BoxUsage:m5.large', 'eu-west-1', 'EU'],
    ['USW2-USE1-AWS-Out-Bytes', 'us-west-2', 'USW2'],
  ])('%s is in %s', (usageType, region, prefix) => {
    const c = classifyUsage(row({ usageType }));
    expect([c.region, c.regionSource, c.usageTypePrefix]).toEqual([region, 'usage-type', prefix]);
  });

  it("keeps the row's region and gives CloudFront edge groups none", () => {
    expect(classifyUsage(row({ usageType: 'USE2-BoxUsage:m5.large', region: 'eu-west-1' })).region).toBe('eu-west-1');
    const edge = classifyUsage(
      row({ service: 'AmazonCloudFront', usageType: 'US-DataTransfer-Out-Bytes', unit: 'GB' })
    );
    expect([edge.region, edge.regionSource, edge.category, edge.ccfRoute]).toEqual([
      '',
      'none',
      'networking',
      'ignored',
    ]);
  });

  it.each([
    ['BoxUsage:m5.large', 'm5.large', '', 2],
    ['InstanceUsage:db.r5.large', 'r5.large', 'db', 2],
    ['Multi-AZUsage:db.r5.12xl', 'r5.12xlarge', 'db', 48],
    ['NodeUsage:cache.m5.large', 'm5.large', 'cache', 2],
    ['APS1-Kafka.m5.large', 'm5.large', 'Kafka', 2],
    ['Notebk:ml.t3.medium', 't3.medium', 'ml', 2],
    ['HeavyUsage:t3.medium.elasticsearch', 't3.medium', '', 2],
  ])('%s names %s', (usageType, instanceType, instancePrefix, vCpus) => {
    const c = classifyUsage(row({ usageType }));
    expect([c.instanceType, c.instancePrefix, c.instanceVCpus]).toEqual([instanceType, instancePrefix, vCpus]);
  });

  it.each([
    ['AmazonEC2', 'EBS:VolumeUsage.gp2', 'GB-Mo', 'storage', 'ssd', 2],
    ['AmazonEC2', 'EBS:VolumeUsage.st1', 'GB-Mo', 'storage', 'hdd', 2],
    ['AmazonEC2', 'EBS:SnapshotUsage', 'GB-Mo', 'storage', 'hdd', 3],
    ['AmazonS3', 'TimedStorage-ByteHrs', 'GB-Mo', 'storage', 'hdd', 6],
    ['AmazonS3', 'TimedStorage-ZIA-ByteHrs', 'GB-Mo', 'storage', 'hdd', 2],
    ['AmazonRDS', 'Aurora:StorageUsage', 'GB-Mo', 'storage', 'ssd', 6],
    ['AmazonRDS', 'Multi-AZUsage:db.r5.large', 'Hrs', 'compute', undefined, 2],
    ['AmazonDynamoDB', 'TimedStorage-ByteHrs', 'GB-Mo', 'storage', 'ssd', 2],
  ])('%s %s: %s, %s, replication %d', (service, usageType, unit, category, media, rf) => {
    const c = classifyUsage(row({ service, usageType, unit }));
    expect([c.category, c.storageMedia, c.replicationFactor]).toEqual([category, media, rf]);
  });

  it.each([
    ['AmazonEC2', 'NatGateway-Hours', 'Hrs', 'unknown', 'unknown'],
    ['AWSELB', 'LoadBalancerUsage', 'Hrs', 'unknown', 'unknown'],
    ['AmazonEC2', 'HostBoxUsage:mac1.metal', 'Hrs', 'unsupported', 'unsupported'],
    ['AWSDeveloperSupport', 'Dollar', 'Dollar', 'unsupported', 'unsupported'],
    ['AmazonECS', 'Fargate-GB-Hours', 'hours', 'memory', 'storage-ssd'],
    ['AmazonECS', 'Fargate-vCPU-Hours:perCPU', 'hours', 'compute', 'compute'],
    ['AWSLambda', 'Lambda-GB-Second', 'Lambda-GB-Second', 'compute', 'lambda'],
    ['AmazonEC2', 'BoxUsage:p3.2xlarge', 'Hrs', 'gpu', 'compute'],
    ['AmazonS3', 'Requests-Tier1', 'Requests', 'unknown', 'unknown'],
    ['AmazonRDS', 'Aurora:ServerlessUsage', 'ACU-Hr', 'compute', 'compute'],
    ['AmazonS3', 'TimedStorage-ByteHrs', 'GB-Months', 'storage', 'storage-hdd'],
  ])('%s %s (%s) is %s; CCF route %s', (service, usageType, unit, category, route) => {
    const c = classifyUsage(row({ service, usageType, unit }));
    expect([c.category, c.ccfRoute]).toEqual([category, route]);
  });

  it('files FOCUS spellings under the CUR unit CCF knows', () => {
    expect(
      classifyUsage(row({ service: 'AmazonS3', usageType: 'TimedStorage-ByteHrs', unit: 'GB-Months' })).ccfUnit
    ).toBe('GB-Mo');
    expect(classifyUsage(row({ service: 'AmazonECS', usageType: 'Fargate-GB-Hours', unit: 'hours' })).ccfUnit).toBe(
      'GB-Hours'
    );
    expect(
      classifyUsage(row({ service: 'AmazonRedshift', usageType: 'CS:ra3.4xlarge', unit: 'seconds' })).ccfUnit
    ).toBe('Hrs');
  });
});

describe('other clouds (FOCUS)', () => {
  const focus = (over: Partial<UsageRow>) => row({ region: 'westeurope', ...over });
  it.each([
    ['Microsoft', 'Compute', 'Virtual Machines D2s v3', 'Hours', 'azure', 'compute', 'hours'],
    ['Microsoft', 'Storage', 'P10 LRS Disk', 'GB-Months', 'azure', 'storage', 'gb-months'],
    ['Microsoft', 'Networking', 'Data Transfer Out', 'GB', 'azure', 'networking', 'gb'],
    ['Microsoft', 'Compute', 'Container Instances Memory', 'GB Hours', 'azure', 'memory', 'gb-hours'],
    ['Oracle', 'Compute', 'Standard - E4 - OCPU', 'OCPU Hours', 'oci', 'compute', 'ocpu-hours'],
    ['Google Cloud', 'Networking', 'Load balancing rule', 'Hours', 'gcp', 'unknown', 'hours'],
  ])('%s %s %s (%s)', (provider, serviceCategory, usageType, unit, cloud, category, normalised) => {
    const c = classifyUsage(focus({ provider, serviceCategory, usageType, unit, service: usageType }));
    expect([c.cloud, c.category, c.unit, c.ccfRoute, c.region]).toEqual([
      cloud,
      category,
      normalised,
      'not-aws',
      'westeurope',
    ]);
  });

  it('reads storage media from SKU words', () => {
    const ssd = classifyUsage(
      focus({ provider: 'Microsoft', serviceCategory: 'Storage', usageType: 'P10 Premium SSD', unit: 'GB-Months' })
    );
    const hdd = classifyUsage(
      focus({
        provider: 'Microsoft',
        serviceCategory: 'Storage',
        usageType: 'Archive LRS Data Stored',
        unit: 'GB-Months',
      })
    );
    expect([ssd.storageMedia, hdd.storageMedia]).toEqual(['ssd', 'hdd']);
  });

  it('folds provider names', () => {
    expect(
      ['AWS', 'Amazon Web Services', 'Microsoft', 'azure', 'Google Cloud', 'Oracle', 'Acme'].map(cloudFamily)
    ).toEqual(['aws', 'aws', 'azure', 'azure', 'gcp', 'oci', 'other']);
  });
});

describe('batch classifier', () => {
  it('shares one frozen classification per description and agrees with classifyUsage', () => {
    const rows = [row({ amount: 1 }), row({ amount: 5, cost: 9 }), row({ region: 'eu-west-1' }), row({ vCpus: 4 })];
    const classify = createUsageClassifier();
    const [a, b, c, d] = rows.map(classify);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(d.instanceVCpus).toBe(4);
    expect(Object.isFrozen(a)).toBe(true);
    expect(classifyBatch(rows)).toEqual(rows.map(classifyUsage));
  });
});

describe('AWS service names from Cost Explorer and FOCUS', () => {
  const base = {
    start: 0,
    end: 1,
    provider: 'aws',
    account: '',
    region: 'eu-west-1',
    amount: 100,
    cost: 1,
    currency: 'USD',
  };
  it('meet the same rules as CUR product codes (EBS replication 2, S3 replication 6)', () => {
    const ebs = (service: string) =>
      classifyUsage({ ...base, service, usageType: 'EUW1-EBS:VolumeUsage.gp3', unit: 'GB-Mo' }).replicationFactor;
    expect(ebs('EC2 - Other')).toBe(2);
    expect(ebs('Amazon Elastic Compute Cloud')).toBe(2);
    expect(ebs('AmazonEC2')).toBe(2);
    const s3 = classifyUsage({
      ...base,
      service: 'Amazon Simple Storage Service',
      usageType: 'EUW1-TimedStorage-ByteHrs',
      unit: 'GB-Months',
    });
    expect(s3.replicationFactor).toBe(6);
  });
});
