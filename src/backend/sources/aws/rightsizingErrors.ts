/**
 * GetRightsizingRecommendation failures that mean something else than for GetCostAndUsage; the
 * rest (credentials, throttling, network, server faults) are costExplorerError's.
 *
 * An account that never enabled rightsizing gets an AccessDeniedException whose message says so:
 * "Rightsizing EC2 recommendation is an opt-in only feature. You can enable this feature from the
 * PAYER account’s Cost Explorer Preferences page. Normally it may take up to 24 hours in order to
 * generate your rightsizing recommendations." An IAM denial is also an AccessDeniedException,
 * saying "… is not authorized to perform: ce:GetRightsizingRecommendation …".
 */
import { downstreamError } from '../../core/errors';
import { createScrubber } from '../../core/secretScrubber';
import { costExplorerError, type ErrorContext, isSignatureOrForeignAnswer } from './costExplorerErrors';

interface AwsErrorShape {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);
const NOT_ENABLED = /opt-in|preferences page/i;

/** True for the answer of an account whose payer has not enabled rightsizing recommendations. */
export function isRightsizingNotEnabled(error: unknown): boolean {
  const e = (error ?? {}) as AwsErrorShape;
  return ACCESS_DENIED.has(e.name ?? '') && NOT_ENABLED.test(e.message ?? '');
}

export function rightsizingError(error: unknown, context: ErrorContext): Error {
  if (isSignatureOrForeignAnswer(error)) {
    return costExplorerError(error, context); // not a permission, though it may come with HTTP 403
  }
  const e = (error ?? {}) as AwsErrorShape;
  const name = e.name ?? 'Error';
  const scrub = createScrubber(context.redact);
  const said = e.message ? ` AWS said: ${scrub(e.message)}` : '';
  if (isRightsizingNotEnabled(error)) {
    return downstreamError(
      `Cost Explorer rightsizing recommendations are not enabled for this account (${name}): enable rightsizing recommendations in Cost Explorer preferences of the payer (management) account; AWS then takes up to 24 hours to generate them.${said}`,
      403
    );
  }
  if (ACCESS_DENIED.has(name) || e.$metadata?.httpStatusCode === 403) {
    return downstreamError(
      `Cost Explorer denied access to rightsizing recommendations (${name}): the AWS identity needs the IAM permission ce:GetRightsizingRecommendation, and member accounts of an organisation need Cost Explorer access granted by the management account.${said}`,
      403
    );
  }
  if (name === 'ValidationException') {
    return downstreamError(`Cost Explorer rejected the rightsizing request (ValidationException).${said}`, 400);
  }
  return costExplorerError(error, context);
}
