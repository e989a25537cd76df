/**
 * Deterministic CUR-shaped usage rows (the lines CCF's Athena query returns: day, account,
 * product_region, product code, usage type, pricing unit, product_vcpu, summed amount and cost)
 * covering every usage-type family, pricing unit and region CCF knows, plus lines it treats as
 * unknown, unsupported or ignores. Seeded (mulberry32): the same seed gives the same rows.
 */
import {
  BURSTABLE_BASELINE_PERCENT,
  EC2_FAMILIES,
  GPU_COUNTS,
  LARGE_MEMORY_FAMILIES,
  type InstanceFamily,
} from '../../src/engine/classify/awsCatalogue';
import emissionFactors from '../../src/engine/data/ccf/aws-emission-factors.json';
import type { UsageRow } from '../../src/engine/usage';

/** Account whose lines make CCF report NaN CO2e (compute lines with no vCPU count CCF can find). */
export const NAN_PROBE_ACCOUNT = '999999999999';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Template {
  service: string;
  /** `{p}` is replaced by a region prefix (`USE2-`, or '' for us-east-1). */
  usageType: string;
  units: string[];
  /** product_vcpu: a number, 'table' (the instance's vCPUs), or absent (blank). */
  vCpus?: number | 'table';
  amount: [number, number];
}

const REGIONS: string[] = [...Object.keys(emissionFactors.regions), 'ap-south-2', 'il-central-1', ''];
const PREFIX: Record<string, string> = {
  'us-east-1': '',
  'us-east-2': 'USE2-',
  'us-west-1': 'USW1-',
  'us-west-2': 'USW2-',
  'eu-west-1': 'EUW1-',
  'eu-central-1': 'EUC1-',
  'eu-north-1': 'EUN1-',
  'ap-northeast-1': 'APN1-',
  'ap-southeast-1': 'APS1-',
  'ap-south-1': 'APS3-',
  'sa-east-1': 'SAE1-',
  'ca-central-1': 'CAN1-',
};
const DAYS = [
  '2023-01-31',
  '2023-02-14',
  '2023-04-30',
  '2023-06-01',
  '2023-09-15',
  '2023-12-31',
  '2024-02-29',
  '2024-03-01',
  '2024-07-04',
  '2024-11-30',
].map((d) => Date.parse(`${d}T00:00:00Z`));
const ACCOUNTS = ['111111111111', '222222222222', '333333333333'];

const instanceTypesOf = (families: ReadonlyMap<string, InstanceFamily>) =>
  [...families].flatMap(([family, f]) =>
    [...f.sizes.values()].map((s) => ({ type: `${family}.${s.size}`, vCpus: s.vCpus }))
  );
const ec2Types = instanceTypesOf(EC2_FAMILIES);
const largeMemoryTypes = instanceTypesOf(LARGE_MEMORY_FAMILIES);
const burstableTypes = [...BURSTABLE_BASELINE_PERCENT.keys()];
const gpuTypes = [...GPU_COUNTS.keys()];

const HOURS = ['Hrs', 'Hours', 'hours'];
const GB_MONTH = ['GB-Mo', 'GB-Month', 'GB-Mp', 'GB-month'];

const FIXED_TEMPLATES: Template[] = [
  // EBS volumes of every type, snapshots
  ...['gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1', 'piops'].map((t) => ({
    service: 'AmazonEC2',
    usageType: `{p}EBS:VolumeUsage.${t}`,
    units: GB_MONTH,
    amount: [1, 5000] as [number, number],
  })),
  { service: 'AmazonEC2', usageType: '{p}EBS:VolumeUsage', units: ['GB-Mo'], amount: [1, 500] },
  { service: 'AmazonEC2', usageType: '{p}EBS:SnapshotUsage', units: ['GB-Mo'], amount: [1, 9000] },
  { service: 'AmazonEC2', usageType: '{p}EBS:VolumeIOUsage.piops', units: ['IOPS-Mo'], amount: [100, 3000] },
  { service: 'AmazonEC2', usageType: '{p}CPUCredits:t3', units: ['vCPU-Hours'], amount: [1, 50] },
  // data transfer
  { service: 'AmazonEC2', usageType: '{p}DataTransfer-Out-Bytes', units: ['GB'], amount: [0, 4000] },
  { service: 'AmazonEC2', usageType: '{p}DataTransfer-Regional-Bytes', units: ['GB', 'GigaBytes'], amount: [0, 800] },
  { service: 'AmazonEC2', usageType: '{p}DataTransfer-In-Bytes', units: ['GB'], amount: [0, 800] },
  { service: 'AmazonEC2', usageType: 'USE1-USW2-AWS-Out-Bytes', units: ['GB'], amount: [0, 900] },
  { service: 'AmazonVPC', usageType: '{p}VpcEndpoint-Bytes', units: ['GB'], amount: [0, 900] },
  { service: 'AmazonVPC', usageType: '{p}TransitGateway-Bytes', units: ['GB'], amount: [0, 900] },
  { service: 'AmazonCloudFront', usageType: 'US-DataTransfer-Out-Bytes', units: ['GB'], amount: [0, 9000] },
  { service: 'AmazonCloudFront', usageType: 'EU-Requests-Tier1', units: ['Requests'], amount: [0, 1e6] },
  // S3
  ...[
    'TimedStorage-ByteHrs',
    'TimedStorage-SIA-ByteHrs',
    'TimedStorage-ZIA-ByteHrs',
    'TimedStorage-RRS-ByteHrs',
    'TimedStorage-GlacierByteHrs',
    'TimedStorage-GDA-ByteHrs',
    'TimedStorage-INT-FA-ByteHrs',
    'TimedStorage-INT-IA-ByteHrs',
    'TimedStorage-SIA-SmObjects',
    'TimedStorage-GIR-ByteHrs',
    'EarlyDelete-SIA',
    'EarlyDelete-ZIA',
    'BytesDeleted-STANDARD',
    'TimedStorage-GDA-Staging',
  ].map((t) => ({ service: 'AmazonS3', usageType: `{p}${t}`, units: ['GB-Mo'], amount: [0, 1e5] as [number, number] })),
  { service: 'AmazonS3', usageType: '{p}Requests-Tier1', units: ['Requests'], amount: [0, 1e6] },
  { service: 'AmazonS3', usageType: '{p}DataTransfer-Out-Bytes', units: ['GB'], amount: [0, 2000] },
  // EFS, ECR, Backup, FSx, Kinesis, ES, DocDB, SimpleDB
  { service: 'AmazonEFS', usageType: '{p}TimedStorage-ByteHrs', units: ['GB-Mo'], amount: [0, 3000] },
  { service: 'AmazonEFS', usageType: '{p}TimedStorage-ZIA-ByteHrs', units: ['GB-Mo'], amount: [0, 3000] },
  { service: 'AmazonECR', usageType: '{p}TimedStorage-ByteHrs', units: ['GB-Mo'], amount: [0, 300] },
  { service: 'AWSBackup', usageType: '{p}WarmStorage-ByteHrs-EFS', units: ['GB-Mo'], amount: [0, 300] },
  { service: 'AWSBackup', usageType: '{p}ColdStorage-ByteHrs-DynamoDB', units: ['GB-Mo'], amount: [0, 300] },
  { service: 'AmazonFSx', usageType: '{p}Storage.SSD.50', units: ['GB-Mo'], amount: [0, 300] },
  { service: 'AmazonFSx', usageType: '{p}BackupUsage.MultiAZ', units: ['GB-Mo'], amount: [0, 300] },
  { service: 'AmazonKinesis', usageType: '{p}LongTermRetention-ByteHrs', units: ['GB-Mo'], amount: [0, 300] },
  {
    service: 'AmazonKinesisAnalytics',
    usageType: '{p}DurableApplicationBackups',
    units: ['GB-month'],
    amount: [0, 30],
  },
  { service: 'AmazonES', usageType: '{p}ES:GP2-Storage', units: ['GB-Mp'], amount: [0, 300] },
  { service: 'AmazonES', usageType: '{p}ESInstance:r5.large.search', units: ['Hrs'], amount: [0, 24] },
  { service: 'AmazonES', usageType: '{p}HeavyUsage:t3.medium.elasticsearch', units: ['Hours'], amount: [0, 24] },
  { service: 'AmazonDocDB', usageType: '{p}InstanceUsage:db.r5.large', units: ['Hrs'], vCpus: 2, amount: [0, 24] },
  { service: 'AmazonDocDB', usageType: '{p}StorageUsage', units: ['GB-Mo'], amount: [0, 30] },
  { service: 'AmazonDocDB', usageType: '{p}BackupUsage', units: ['GB-Mo'], amount: [0, 30] },
  { service: 'AmazonSimpleDB', usageType: '{p}BoxUsage', units: ['Hrs'], amount: [0, 24] },
  { service: 'AmazonSimpleDB', usageType: '{p}TimedStorage-ByteHrs', units: ['GB-Mo'], amount: [0, 30] },
  // RDS incl. Multi-AZ and Aurora
  { service: 'AmazonRDS', usageType: '{p}InstanceUsage:db.m5.large', units: HOURS, vCpus: 'table', amount: [0, 24] },
  { service: 'AmazonRDS', usageType: '{p}InstanceUsage:db.t3.micro', units: ['Hrs'], amount: [0, 24] },
  { service: 'AmazonRDS', usageType: '{p}Multi-AZUsage:db.r5.12xl', units: ['Hrs'], vCpus: 48, amount: [0, 24] },
  { service: 'AmazonRDS', usageType: '{p}Multi-AZUsage:db.m6g.xl', units: ['Hrs'], vCpus: 4, amount: [0, 24] },
  { service: 'AmazonRDS', usageType: '{p}InstanceUsage:db.r6g.2xlarge', units: ['Hrs'], amount: [0, 24] },
  { service: 'AmazonRDS', usageType: '{p}Aurora:ServerlessUsage', units: ['ACU-Hr'], amount: [0, 96] },
  { service: 'AmazonRDS', usageType: '{p}Aurora:ServerlessV2Usage', units: ['ACU-Hr'], amount: [0, 96] },
  ...[
    'RDS:GP2-Storage',
    'RDS:GP3-Storage',
    'RDS:Multi-AZ-GP2-Storage',
    'RDS:StorageUsage',
    'RDS:Multi-AZ-StorageUsage',
    'Aurora:StorageUsage',
    'Aurora:BackupUsage',
    'RDS:ChargedBackupUsage',
    'RDS:PIOPS-Storage',
  ].map((t) => ({
    service: 'AmazonRDS',
    usageType: `{p}${t}`,
    units: ['GB-Mo'],
    amount: [0, 900] as [number, number],
  })),
  // DynamoDB
  { service: 'AmazonDynamoDB', usageType: '{p}TimedStorage-ByteHrs', units: ['GB-Mo'], amount: [0, 900] },
  { service: 'AmazonDynamoDB', usageType: '{p}TimedPITRStorage-ByteHrs', units: ['GB-Mo'], amount: [0, 900] },
  { service: 'AmazonDynamoDB', usageType: '{p}TimedBackupStorage-ByteHrs', units: ['GB-Month'], amount: [0, 1e10] },
  {
    service: 'AmazonDynamoDB',
    usageType: '{p}ReadCapacityUnit-Hrs',
    units: ['ReadCapacityUnit-Hrs'],
    amount: [0, 900],
  },
  // ElastiCache, MSK, Redshift
  { service: 'AmazonElastiCache', usageType: '{p}NodeUsage:cache.m5.large', units: ['Hrs'], amount: [0, 24] },
  { service: 'AmazonElastiCache', usageType: '{p}NodeUsage:cache.t3.micro', units: ['Hrs'], amount: [0, 24] },
  {
    service: 'AmazonElastiCache',
    usageType: '{p}NodeUsage:cache.r6g.xlarge',
    units: ['Hrs'],
    vCpus: 4,
    amount: [0, 24],
  },
  { service: 'AmazonElastiCache', usageType: '{p}ElastiCache:BackupUsage', units: ['GB-Mo'], amount: [0, 90] },
  { service: 'AmazonMSK', usageType: '{p}Kafka.m5.large', units: ['hours'], amount: [0, 24] },
  { service: 'AmazonMSK', usageType: '{p}Kafka.m5.4xlarge', units: ['Hrs'], amount: [0, 24] },
  // Only with a region prefix: without one CCF's instance parser keeps `Kafka.` (see NAN_TEMPLATES).
  { service: 'AmazonMSK', usageType: '{p!}Kafka.t3.small', units: ['hours'], amount: [0, 24] },
  { service: 'AmazonMSK', usageType: '{p}Kafka.Storage.GP2', units: ['GB-Mo'], amount: [0, 900] },
  { service: 'AmazonRedshift', usageType: '{p}Node:dc2.large', units: ['Hrs'], amount: [0, 24] },
  { service: 'AmazonRedshift', usageType: '{p}Node:ra3.xlplus', units: ['Hrs'], amount: [0, 24] },
  { service: 'AmazonRedshift', usageType: '{p}CS:ra3.4xlarge', units: ['seconds'], amount: [0, 86400] },
  { service: 'AmazonRedshift', usageType: '{p}RMS:ra3.4xlarge', units: ['GB-Mo'], amount: [0, 900] },
  { service: 'AmazonRedshift', usageType: '{p}Redshift:PaidSnapshots', units: ['GB-Mo'], amount: [0, 900] },
  // Lambda, Fargate, ECS, Glue, SageMaker
  {
    service: 'AWSLambda',
    usageType: '{p}Lambda-GB-Second',
    units: ['seconds', 'Second', 'Lambda-GB-Second'],
    amount: [0, 5e5],
  },
  { service: 'AWSLambda', usageType: '{p}Lambda-GB-Second-ARM', units: ['Lambda-GB-Second'], amount: [0, 5e5] },
  { service: 'AWSLambda', usageType: '{p}Request', units: ['Requests'], amount: [0, 1e6] },
  { service: 'AWSLambda', usageType: '{p}Lambda-Provisioned-GB-Second', units: ['Lambda-GB-Second'], amount: [0, 1e5] },
  { service: 'AmazonECS', usageType: '{p}Fargate-vCPU-Hours:perCPU', units: ['hours'], amount: [0, 96] },
  { service: 'AmazonECS', usageType: '{p}Fargate-GB-Hours', units: ['hours'], amount: [0, 192] },
  { service: 'AmazonECS', usageType: '{p}ECS-EC2-GB-Hours', units: ['GB-Hours'], amount: [0, 192] },
  { service: 'AmazonECS', usageType: '{p}ECS-EC2-vCPU-Hours', units: ['vCPU-Hours'], amount: [0, 192] },
  { service: 'AWSGlue', usageType: '{p}Crawler-DPU-Hour', units: ['DPU-Hour'], amount: [0, 20] },
  { service: 'AWSGlue', usageType: '{p}ETL-DPU-Hour', units: ['DPU-Hour'], amount: [0, 20] },
  { service: 'AmazonSageMaker', usageType: '{p}Notebk:ml.t3.medium', units: ['Hrs'], amount: [0, 24] },
  { service: 'AmazonSageMaker', usageType: '{p}Train:ml.m5.xlarge', units: ['Hrs'], vCpus: 4, amount: [0, 24] },
  { service: 'ElasticMapReduce', usageType: '{p}BoxUsage:m5.xlarge', units: ['Hrs'], vCpus: 4, amount: [0, 24] },
  // unknown usage (estimated from known kWh per cost) and unsupported lines
  { service: 'AmazonEC2', usageType: '{p}NatGateway-Hours', units: ['Hrs'], amount: [0, 24] },
  { service: 'AmazonEC2', usageType: '{p}NatGateway-Bytes', units: ['GB'], amount: [0, 900] },
  { service: 'AWSELB', usageType: '{p}LoadBalancerUsage', units: ['Hrs'], amount: [0, 24] },
  { service: 'AWSELB', usageType: '{p}LCUUsage', units: ['LCU-Hrs'], amount: [0, 24] },
  { service: 'AmazonEKS', usageType: '{p}AmazonEKS-Hours:perCluster', units: ['Hours'], amount: [0, 24] },
  { service: 'AmazonAthena', usageType: '{p}DataScanned', units: ['Terabytes'], amount: [0, 3] },
  { service: 'AmazonCloudWatch', usageType: '{p}CW:MetricMonitorUsage', units: ['Metrics'], amount: [0, 300] },
  { service: 'AmazonCloudWatch', usageType: '{p}TimedStorage-ByteHrs', units: ['GB-Mo'], amount: [0, 30] },
  { service: 'AmazonApiGateway', usageType: '{p}ApiGatewayCacheUsage:0.5GB', units: ['Hrs'], amount: [0, 24] },
  { service: 'AmazonRoute53', usageType: 'HostedZone', units: ['HostedZone'], amount: [0, 3] },
  { service: 'AmazonEC2', usageType: '{p}HostBoxUsage:mac1.metal', units: ['Hrs'], vCpus: 12, amount: [0, 24] },
  { service: 'AWSDeveloperSupport', usageType: 'Dollar', units: ['Dollar'], amount: [0, 1000] },
  { service: 'ElasticMapReduce', usageType: 'APS3-EMR-EKS-EC2-vCPUHours', units: ['vCPU-Hours'], amount: [0, 90] },
];

/** Lines for which CCF itself reports 0 kWh and NaN CO2e: no vCPU count it can find. */
const NAN_TEMPLATES: Template[] = [
  { service: 'AmazonEC2', usageType: '{p}BoxUsage:m5.xl', units: ['Hrs'], amount: [1, 24] },
  { service: 'AmazonMQ', usageType: '{p}mq.m5.large', units: ['Hrs'], amount: [1, 24] },
  { service: 'AmazonEC2', usageType: '{p}BoxUsage:zz9.large', units: ['Hrs'], amount: [1, 24] },
  { service: 'AmazonRDS', usageType: '{p}Multi-AZUsage:db.m6g.xl', units: ['Hrs'], amount: [1, 24] },
  // us-east-1 (no prefix) burstable MSK brokers: CCF looks up the baseline of `Kafka.t3`.
  { service: 'AmazonMSK', usageType: 'Kafka.t3.small', units: ['hours'], amount: [1, 24] },
];

function instanceTemplates(pick: <T>(xs: readonly T[]) => T): Template[] {
  const families = ['BoxUsage', 'SpotUsage', 'EBSOptimized', 'HeavyUsage', 'DedicatedUsage', 'UnusedBox'];
  const out: Template[] = [];
  for (const { type, vCpus } of ec2Types) {
    const blank = pick([true, false, false]);
    // CUR abbreviates some xlarge sizes as `xl` (then product_vcpu is what CCF relies on).
    const written = type.endsWith('xlarge') && pick([false, false, false, true]) ? type.replace(/arge$/, '') : type;
    out.push({
      service: 'AmazonEC2',
      usageType: `{p}${pick(families)}:${written}`,
      units: HOURS,
      vCpus: blank && written === type ? undefined : vCpus,
      amount: [0, 24],
    });
  }
  for (const type of [...burstableTypes, ...gpuTypes]) {
    out.push({
      service: 'AmazonEC2',
      usageType: `{p}BoxUsage:${type}`,
      units: HOURS,
      vCpus: pick(['table', undefined]),
      amount: [0, 24],
    });
  }
  for (const { type, vCpus } of largeMemoryTypes) {
    out.push({ service: 'AmazonEC2', usageType: `{p}BoxUsage:${type}`, units: ['Hrs'], vCpus, amount: [0, 24] });
  }
  return out;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function rowFrom(t: Template, rand: () => number, pick: <T>(xs: readonly T[]) => T, account: string): UsageRow {
  const region = pick(REGIONS);
  const prefix = PREFIX[region] ?? pick(Object.values(PREFIX));
  const usageType = t.usageType.replace('{p}', prefix).replace('{p!}', prefix || 'USE1-');
  const start = pick(DAYS);
  const instance = /:(?:db\.|cache\.)?([a-z0-9-]+\.[a-z0-9]+)$/.exec(usageType)?.[1];
  const tableVCpus = ec2Types.find((e) => e.type === instance)?.vCpus;
  const vCpus = t.vCpus === 'table' ? tableVCpus : t.vCpus;
  const [lo, hi] = t.amount;
  return {
    start,
    end: start + 86_400_000,
    provider: 'aws',
    account,
    region,
    service: t.service,
    usageType,
    unit: pick(t.units),
    vCpus,
    // CUR sums of fractional hours and GB-months; some exact zeros.
    amount: rand() < 0.03 ? 0 : round(lo + rand() * (hi - lo), 6),
    cost: round(rand() * 120, 8),
    currency: 'USD',
  };
}

/** `count` rows; every template appears at least once, NaN-prone lines only in NAN_PROBE_ACCOUNT. */
export function generateCurRows(count: number, seed = 20240325): UsageRow[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const templates = [...FIXED_TEMPLATES, ...instanceTemplates(pick)];
  const rows: UsageRow[] = [];
  for (const t of templates) {
    rows.push(rowFrom(t, rand, pick, pick(ACCOUNTS)));
  }
  for (const t of NAN_TEMPLATES) {
    rows.push(rowFrom(t, rand, pick, NAN_PROBE_ACCOUNT));
  }
  while (rows.length < count) {
    rows.push(rowFrom(pick(templates), rand, pick, pick(ACCOUNTS)));
  }
  // Shuffle (Fisher-Yates) so groups accumulate lines of all kinds in mixed order.
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return rows;
}
