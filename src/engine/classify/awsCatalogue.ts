/**
 * CCF's AWS instance and usage-type tables (generated JSON under data/ccf/, see
 * scripts/generate-ccf-coefficients.mjs), indexed once when the module loads. Read-only lookups
 * shared by the classifier and the `ccf` methodology.
 */
import instancesJson from '../data/ccf/aws-instances.json';
import processorsJson from '../data/ccf/aws-processors.json';
import usageTypesJson from '../data/ccf/aws-usage-types.json';

/** One size of an instance family, in CCF's listing order. */
export interface InstanceSize {
  size: string;
  vCpus: number;
  memoryGb: number;
  /** EC2_INSTANCE_TYPES: embodied t CO2e; INSTANCE_FAMILY_TO_INSTANCE_TYPE_MAPPING: its third value. */
  third: number;
}

export interface InstanceFamily {
  sizes: ReadonlyMap<string, InstanceSize>;
  /** CCF takes the LAST size listed as the family's largest (not the one with most vCPUs). */
  lastListed: InstanceSize;
}

type Rows = Record<string, Array<[string, ...number[]]>>;

function indexFamilies(values: Rows): ReadonlyMap<string, InstanceFamily> {
  const families = new Map<string, InstanceFamily>();
  for (const [family, rows] of Object.entries(values)) {
    const sizes = new Map<string, InstanceSize>();
    for (const [size, vCpus, memoryGb, third] of rows) {
      sizes.set(size, Object.freeze({ size, vCpus: vCpus!, memoryGb: memoryGb!, third: third ?? NaN }));
    }
    families.set(family, Object.freeze({ sizes, lastListed: [...sizes.values()][sizes.size - 1] }));
  }
  return families;
}

const recordMap = <T>(values: Record<string, T>): ReadonlyMap<string, T> => new Map(Object.entries(values));

export const EC2_FAMILIES = indexFamilies(instancesJson.ec2InstanceTypes.values as unknown as Rows);
export const LARGE_MEMORY_FAMILIES = indexFamilies(instancesJson.largeMemoryFamilies.values as unknown as Rows);
export const REDSHIFT_FAMILIES = indexFamilies(instancesJson.redshiftNodeTypes.values as unknown as Rows);
export const MSK_BROKER_VCPUS = recordMap<number>(instancesJson.mskBrokerVCpus.values);
export const RDS_INSTANCE_VCPUS = recordMap<number>(instancesJson.rdsInstanceVCpus.values);
export const CACHE_NODE_VCPUS = recordMap<number>(instancesJson.cacheNodeVCpus.values);

export const COMPUTE_PROCESSORS = recordMap<readonly string[]>(processorsJson.computeProcessors.values);
export const GPU_COUNTS = recordMap<number>(processorsJson.gpuCounts.values);
export const GPU_PROCESSORS = recordMap<readonly string[]>(processorsJson.gpuProcessors.values);
export const BURSTABLE_BASELINE_PERCENT = recordMap<number>(processorsJson.burstableBaselinePercent.values);

export const SSD_SERVICES: readonly string[] = usageTypesJson.ssdServices.values;
export const SSD_USAGE_TYPES: readonly string[] = usageTypesJson.ssdUsageTypes.values;
export const HDD_USAGE_TYPES: readonly string[] = usageTypesJson.hddUsageTypes.values;
export const NETWORKING_USAGE_TYPES: readonly string[] = usageTypesJson.networkingUsageTypes.values;
export const BYTE_HOURS_USAGE_TYPES: readonly string[] = usageTypesJson.byteHoursUsageTypes.values;
export const UNKNOWN_USAGE_TYPES: readonly string[] = usageTypesJson.unknownUsageTypes.values;
export const UNSUPPORTED_USAGE_TYPES: readonly string[] = usageTypesJson.unsupportedUsageTypes.values;
/** CCF compares pricing units by exact spelling (`Hrs` yes, `hrs` no). */
export const CCF_KNOWN_UNITS: ReadonlyMap<string, string> = new Map(
  Object.entries(usageTypesJson.knownUsageUnits.values).map(([name, unit]) => [unit, name])
);

/** The sizes of a family table by full name (`m5.large`), for lookups without splitting the name. */
function sizesByName(families: ReadonlyMap<string, InstanceFamily>): ReadonlyMap<string, InstanceSize> {
  return new Map([...families].flatMap(([family, f]) => [...f.sizes].map(([size, s]) => [`${family}.${size}`, s])));
}

export const EC2_SIZES_BY_NAME = sizesByName(EC2_FAMILIES);
export const REDSHIFT_SIZES_BY_NAME = sizesByName(REDSHIFT_FAMILIES);

/** vCPUs, memory and third value of `family.size` in CCF's EC2 table. */
export function ec2Size(family: string | undefined, size: string | undefined): InstanceSize | undefined {
  return family === undefined || size === undefined ? undefined : EC2_FAMILIES.get(family)?.sizes.get(size);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * CCF's `endsWithAny(list, text)` and `list.some((x) => text.includes(x))` as one compiled
 * expression per list: the same answers, one scan instead of one per entry.
 */
export interface TextMatcher {
  test(text: string): boolean;
}

export function suffixMatcher(suffixes: readonly string[]): TextMatcher {
  return new RegExp(`(?:${suffixes.map(escapeRegExp).join('|')})$`);
}

export function substringMatcher(parts: readonly string[]): TextMatcher {
  return new RegExp(parts.map(escapeRegExp).join('|'));
}

/**
 * CCF's `containsAny`: each entry is used as an unescaped regular expression between word
 * boundaries (`t3.micro` also matches `t3-micro`; `db.t3.micro` matches). One alternation per list
 * matches exactly when one of the separate expressions would.
 */
export function wordPattern(entries: readonly string[]): RegExp {
  return new RegExp(`\\b(?:${entries.join('|')})\\b`);
}

export const BURSTABLE_PATTERN = wordPattern([...BURSTABLE_BASELINE_PERCENT.keys()]);
export const GPU_INSTANCE_PATTERN = wordPattern([...GPU_COUNTS.keys()]);
