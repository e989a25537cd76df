/** The billing queries' check of methodology against accounting basis, before any request: only that refId fails. */
import { accountingBasisProblem } from '../../shared/queryTypes/fields';
import type { AccountingBasisId, MethodologyId } from '../../shared/vocabulary';
import { badQuery } from '../core/errors';

export function validateAccountingBasis(query: {
  queryType: string;
  methodology: MethodologyId;
  accountingBasis: AccountingBasisId;
}) {
  const problem = accountingBasisProblem(query.methodology, query.accountingBasis);
  if (problem) {
    // Worded as parseQuery words a schema's refusal.
    throw badQuery(`Invalid ${query.queryType} query: accountingBasis: ${problem}`);
  }
}
