/**
 * The replication factor CCF applies to an AWS line: how many copies of the data (or, as CCF also
 * multiplies compute and memory by it, of the instance) the service keeps. Port of CCF's rules
 * (packages/aws/src/lib/ReplicationFactors.ts in @cloud-carbon-footprint/aws@0.15.0); the factors
 * themselves are data (data/ccf/aws-constants.json `replicationFactors`).
 */
import constantsJson from '../data/ccf/aws-constants.json';
import { wordPattern } from './awsCatalogue';

const RF = constantsJson.replicationFactors.value;

// CCF matches these two lists with its word-boundary `containsAny`, the others with `includes`.
const S3_ONE_ZONE_OR_REDUCED = wordPattern(['TimedStorage-ZIA', 'EarlyDelete-ZIA', 'TimedStorage-RRS']);
const S3_STORAGE = wordPattern(['TimedStorage', 'EarlyDelete']);

type Rule = (usageType: string) => number;

const RULES_BY_SERVICE: ReadonlyMap<string, Rule> = new Map<string, Rule>([
  [
    'AmazonS3',
    (t) =>
      S3_ONE_ZONE_OR_REDUCED.test(t) ? RF.S3_ONE_ZONE_REDUCED_REDUNDANCY : S3_STORAGE.test(t) ? RF.S3 : RF.DEFAULT,
  ],
  [
    'AmazonEC2',
    (t) =>
      t.includes('VolumeUsage') ? RF.EC2_EBS_VOLUME : t.includes('SnapshotUsage') ? RF.EC2_EBS_SNAPSHOT : RF.DEFAULT,
  ],
  ['AmazonEFS', (t) => (t.includes('ZIA') ? RF.EFS_ONE_ZONE : RF.EFS)],
  [
    'AmazonRDS',
    (t) =>
      t.includes('BackupUsage')
        ? RF.RDS_BACKUP
        : t.includes('Aurora')
          ? RF.RDS_AURORA
          : t.includes('Multi-AZ')
            ? RF.RDS_MULTI_AZ
            : RF.DEFAULT,
  ],
  ['AmazonDocDB', (t) => (t.includes('BackupUsage') ? RF.DOCUMENT_DB_BACKUP : RF.DOCUMENT_DB_STORAGE)],
  ['AmazonDynamoDB', () => RF.DYNAMO_DB],
  ['AmazonECR', (t) => (t.includes('TimedStorage') ? RF.ECR_STORAGE : RF.DEFAULT)],
  ['AmazonElastiCache', (t) => (t.includes('BackupUsage') ? RF.DOCUMENT_ELASTICACHE_BACKUP : RF.DEFAULT)],
  ['AmazonSimpleDB', (t) => (t.includes('TimedStorage') ? RF.SIMPLE_DB : RF.DEFAULT)],
]);

/**
 * `usageType` as CCF holds it after parsing (with `xl` completed to `xlarge`), `service` the CUR
 * product code. A rule returning 0 falls back to the default, as in CCF (`rule(...) || DEFAULT`).
 */
export function ccfReplicationFactor(service: string, usageType: string): number {
  const rule = RULES_BY_SERVICE.get(service);
  return (rule && rule(usageType)) || RF.DEFAULT;
}
