/** Query fields shared by the energy query types. */
import { z } from 'zod';

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
