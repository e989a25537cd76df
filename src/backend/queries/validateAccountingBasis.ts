/** The billing queries' check of methodology against accounting basis, when the query is parsed: only that refId fails. */
import { accountingBasisProblem } from '../../shared/queryTypes/fields';
import type { AccountingBasisId, MethodologyId } from '../../shared/vocabulary';
import { badQuery } from '../core/errors';
import type { QueryHandler } from './queryHandler';

interface WithBasis {
  queryType: string;
  methodology: MethodologyId;
  accountingBasis: AccountingBasisId;
}

export function validateAccountingBasis(query: WithBasis): void {
  const problem = accountingBasisProblem(query.methodology, query.accountingBasis);
  if (problem) {
    // Worded as parseQuery words a schema's refusal.
    throw badQuery(`Invalid ${query.queryType} query: accountingBasis: ${problem}`);
  }
}

/** The handler with the check after its schema's parse (defineHandler's `validate`, as a wrapper). */
export function checkingAccountingBasis<Q extends WithBasis, H extends QueryHandler<Q>>(handler: H): H {
  return {
    ...handler,
    parse: (json: unknown) => {
      const query = handler.parse(json);
      validateAccountingBasis(query);
      return query;
    },
  };
}
