/**
 * The instance type an AWS usage type names, read the same way for every service:
 * `BoxUsage:m5.large`, `SpotUsage:c5.18xlarge`, `InstanceUsage:db.r5.large`,
 * `Multi-AZUsage:db.r5.12xl`, `NodeUsage:cache.m5.large`, `Kafka.m5.large`,
 * `HeavyUsage:t3.medium.elasticsearch`, `Notebk:ml.t3.medium`, `CS:ra3.4xlarge`.
 */
import {
  BURSTABLE_BASELINE_PERCENT,
  EC2_FAMILIES,
  GPU_COUNTS,
  LARGE_MEMORY_FAMILIES,
  MSK_BROKER_VCPUS,
  REDSHIFT_FAMILIES,
  type InstanceFamily,
  type InstanceSize,
} from './awsCatalogue';

export interface AwsInstance {
  instanceType?: string;
  instancePrefix: string;
  instanceFamily?: string;
  instanceSize?: string;
  instanceVCpus?: number;
  instanceMemoryGb?: number;
  gpusPerInstance: number;
  burstable: boolean;
}

const SERVICE_PREFIXES: readonly string[] = ['db', 'cache', 'dax', 'dms', 'ml', 'mq', 'KernelGateway-ml', 'Kafka'];
// family.size in AWS's lower-case naming: m5.large, u-6tb1.metal, r6gd.16xlarge, ra3.xlplus.
const FAMILY_DOT_SIZE = /^([a-z][a-z0-9-]*)\.([a-z0-9-]+)$/;

/** What the catalogue says about one instance type name (family.size). */
interface InstanceFacts {
  family: string;
  size: string;
  /** The size in Redshift's node table first, then EC2's, then large-memory (for AmazonRedshift lines). */
  listedForRedshift: InstanceSize | undefined;
  /** The size in EC2's table, then large-memory (every other service). */
  listedElsewhere: InstanceSize | undefined;
}

const sizeIn = (families: ReadonlyMap<string, InstanceFamily>, family: string, size: string) =>
  families.get(family)?.sizes.get(size);

/** Facts of a name; undefined when it is not `family.size`. */
function factsOf(instanceType: string): InstanceFacts | undefined {
  const match = FAMILY_DOT_SIZE.exec(instanceType);
  if (!match) {
    return undefined;
  }
  const [, family, size] = match;
  const elsewhere = sizeIn(EC2_FAMILIES, family, size) ?? sizeIn(LARGE_MEMORY_FAMILIES, family, size);
  return {
    family,
    size,
    listedForRedshift: sizeIn(REDSHIFT_FAMILIES, family, size) ?? elsewhere,
    listedElsewhere: elsewhere,
  };
}

/** Facts of every instance type the catalogue names, worked out once; other names are read on demand. */
const KNOWN_INSTANCES: ReadonlyMap<string, InstanceFacts> = new Map(
  [EC2_FAMILIES, REDSHIFT_FAMILIES, LARGE_MEMORY_FAMILIES]
    .flatMap((families) =>
      [...families].flatMap(([family, f]) => [...f.sizes.keys()].map((size) => `${family}.${size}`))
    )
    .concat([...GPU_COUNTS.keys(), ...BURSTABLE_BASELINE_PERCENT.keys()])
    .flatMap((name) => {
      const facts = factsOf(name);
      return facts ? [[name, facts] as const] : [];
    })
);

const instanceFacts = (instanceType: string): InstanceFacts | undefined =>
  KNOWN_INSTANCES.get(instanceType) ?? factsOf(instanceType);

/** The service prefix the text starts with at `start` (`db` of `db.r5.large`: the text up to the next dot), or ''. */
function servicePrefixAt(text: string, start: number): string {
  const length = text.indexOf('.', start) - start;
  for (let i = 0; i < SERVICE_PREFIXES.length; i++) {
    const prefix = SERVICE_PREFIXES[i];
    if (prefix.length === length && text.startsWith(prefix, start)) {
      return prefix;
    }
  }
  return '';
}

const ELASTICSEARCH_SUFFIX = '.elasticsearch';
const SEARCH_SUFFIX = '.search';

/** The text after the last `:`, without a service prefix (`db.`...) or search suffix, `xl` read as `xlarge`. */
function parse(usageTypeWithoutRegion: string): { candidate: string; prefix: string } {
  const text = usageTypeWithoutRegion;
  let start = text.lastIndexOf(':') + 1;
  let end = text.length;
  const prefix = servicePrefixAt(text, start);
  if (prefix) {
    start += prefix.length + 1;
  }
  if (text.endsWith(ELASTICSEARCH_SUFFIX) && end - ELASTICSEARCH_SUFFIX.length >= start) {
    end -= ELASTICSEARCH_SUFFIX.length;
  } else if (text.endsWith(SEARCH_SUFFIX) && end - SEARCH_SUFFIX.length >= start) {
    end -= SEARCH_SUFFIX.length;
  }
  const candidate = start === 0 && end === text.length ? text : text.slice(start, end);
  // CUR sometimes abbreviates xlarge (`db.r5.12xl`).
  return { candidate: candidate.endsWith('xl') ? `${candidate}arge` : candidate, prefix };
}

/** `rowInstanceType` wins when the source names the instance; `rowVCpus` (CUR product_vcpu) likewise. */
export function readAwsInstance(
  usageTypeWithoutRegion: string,
  service: string,
  rowInstanceType: string | undefined,
  rowVCpus: number | undefined
): AwsInstance {
  const parsed = parse(usageTypeWithoutRegion);
  const parsedFacts = rowInstanceType ? undefined : instanceFacts(parsed.candidate);
  const instanceType = rowInstanceType || (parsedFacts ? parsed.candidate : undefined);
  const facts = rowInstanceType ? instanceFacts(rowInstanceType) : parsedFacts;
  const listed = service === 'AmazonRedshift' ? facts?.listedForRedshift : facts?.listedElsewhere;
  const brokerVCpus =
    parsed.prefix === 'Kafka' && instanceType ? MSK_BROKER_VCPUS.get(`Kafka.${instanceType}`) : undefined;
  return {
    instanceType,
    instancePrefix: parsed.prefix,
    instanceFamily: facts?.family,
    instanceSize: facts?.size,
    instanceVCpus: rowVCpus && rowVCpus > 0 ? rowVCpus : (listed?.vCpus ?? brokerVCpus),
    instanceMemoryGb: listed?.memoryGb,
    gpusPerInstance: (instanceType && GPU_COUNTS.get(instanceType)) || 0,
    burstable: instanceType !== undefined && BURSTABLE_BASELINE_PERCENT.has(instanceType),
  };
}
