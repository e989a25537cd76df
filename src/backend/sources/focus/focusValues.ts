/**
 * What Node still reads from the summed FOCUS rows (focusSql.ts parses the cells): provider ids
 * and the instance type and vCPUs of SKU detail JSON.
 */

const PROVIDERS: ReadonlyArray<[RegExp, string]> = [
  [/^(aws|amazon)\b/i, 'aws'],
  [/^(microsoft|azure)\b/i, 'azure'],
  [/^(google|gcp)\b/i, 'gcp'],
  [/^(oracle|oci)\b/i, 'oci'],
];

/** `AWS`, `Amazon Web Services, Inc.` → aws; Microsoft/Azure → azure; Google → gcp; Oracle → oci. */
export function normaliseProvider(name: string): string {
  for (const [pattern, id] of PROVIDERS) {
    if (pattern.test(name.trim())) {
      return id;
    }
  }
  return name.trim().toLowerCase();
}

/** Instance type and vCPUs from Azure `x_SkuDetails` or FOCUS `SkuPriceDetails` JSON. */
export function skuDetails(json: string): { instanceType?: string; vCpus?: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return {};
  }
  if (!parsed || typeof parsed !== 'object') {
    return {};
  }
  const o = parsed as Record<string, unknown>;
  const pick = (...keys: string[]) => keys.map((k) => o[k]).find((v) => v !== undefined && v !== null && v !== '');
  const type = pick('InstanceType', 'x_InstanceType', 'VMSize', 'ServiceType');
  const cpus = Number(pick('VCPUs', 'vCPUs', 'VCpus', 'CoreCount', 'x_VCPUs'));
  return {
    ...(typeof type === 'string' && /^[A-Za-z][\w.-]*\d[\w.-]*$/.test(type) ? { instanceType: type } : {}),
    ...(Number.isFinite(cpus) && cpus > 0 ? { vCpus: cpus } : {}),
  };
}
