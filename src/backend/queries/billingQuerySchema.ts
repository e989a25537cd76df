/** Validation shared by the billing query types (source, methodology, filters). */
import { z } from 'zod';
import { BILLING_SOURCES, METHODOLOGIES } from '../../datasource/types';

const idList = z.array(z.string().trim().min(1, 'values cannot be empty')).optional();

export const billingSourceField = z.enum(BILLING_SOURCES, {
  errorMap: () => ({ message: `source must be one of ${BILLING_SOURCES.join(', ')}` }),
});

export const methodologyField = z.enum(METHODOLOGIES).default('greenops');

export const filtersField = z
  .object({ regions: idList, services: idList, accounts: idList })
  .default({});
