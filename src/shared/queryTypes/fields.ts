/** Schema pieces shared by several query types (billing source, methodology, filters, namespaces). */
import { z } from 'zod';

import {
  ACCOUNTING_BASES,
  BILLING_SOURCES,
  DEFAULT_ENERGY_BOUNDARY,
  ENERGY_BOUNDARIES,
  METHODOLOGIES,
  type AccountingBasisId,
} from '../vocabulary';

const idList = z.array(z.string().trim().min(1, 'values cannot be empty')).optional();

export const billingSourceField = z.enum(BILLING_SOURCES, {
  errorMap: () => ({ message: `source must be one of ${BILLING_SOURCES.join(', ')}` }),
});

export const methodologyField = z.enum(METHODOLOGIES).default('greenops');

export const accountingBasisField = z
  .enum(ACCOUNTING_BASES, {
    errorMap: () => ({ message: `accountingBasis must be one of ${ACCOUNTING_BASES.join(', ')}` }),
  })
  .default('location');

/**
 * Why a methodology and accounting basis cannot go together, phrased for the user; undefined when they can.
 * The backend refuses the query with it (only that refId fails) and the editor shows it on the field.
 */
export function accountingBasisProblem(methodology: string | undefined, basis: AccountingBasisId | undefined) {
  return methodology === 'ccf' && basis === 'market'
    ? 'Cloud Carbon Footprint has no market-based method: choose accounting basis "location" with methodology ' +
        '"ccf", or methodology "greenops" for the market basis'
    : undefined;
}

/** Billing filters: literal ids, all when absent or empty. */
const filters = z.object({ regions: idList, services: idList, accounts: idList });
export type BillingFilters = z.input<typeof filters>;
export const filtersField = filters.default({});

/**
 * Namespaces are matched as literal names (a template variable's `.*` or `a|b` is two odd
 * names, not a pattern). Empty or absent: every namespace.
 */
export const namespacesField = z
  .array(z.string().min(1, 'namespace names cannot be empty'), {
    invalid_type_error: 'expected a list of namespace names',
  })
  .optional()
  .transform((ns) => (ns && ns.length > 0 ? [...new Set(ns)] : undefined));

/**
 * Workload names, deduplicated; empty or absent: no filter. A `/` never occurs in a Kubernetes
 * name, so `shop/api` or `Deployment/api` is refused with what to write instead.
 */
export const workloadsField = z
  .array(
    z
      .string({ invalid_type_error: 'expected a workload name (text)' })
      .trim()
      .min(1, 'workload names cannot be empty')
      .refine((name) => !name.includes('/'), {
        message:
          'unknown workload format: give the name alone, as the workloads list shows it (e.g. "api", not "shop/api" ' +
          'or "Deployment/api"); limit namespaces with the namespaces option',
      }),
    { invalid_type_error: 'expected a list of workload names, e.g. ["api", "web"]' }
  )
  .optional()
  .transform((names) => (names && names.length > 0 ? [...new Set(names)] : undefined));

/**
 * What measured energy columns hold (docs/methodology.md §9): `it` (default) the whole server at
 * the wall, RAPL psys or package + DRAM × a documented uplift; `facility` IT × PUE (needs each
 * node's region); `measured` the exporter's reading as is (methodology v1).
 */
export const energyBoundaryField = z.enum(ENERGY_BOUNDARIES).default(DEFAULT_ENERGY_BOUNDARY);
