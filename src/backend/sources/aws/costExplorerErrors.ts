/**
 * Cost Explorer, STS and network failures as QueryErrors that say what the user must fix. Messages
 * never carry the SDK error itself (its $response can hold request details), and whatever AWS text
 * is quoted has the configured keys redacted.
 */
import { downstreamError, QueryError } from '../../core/errors';
import { createScrubber } from '../../core/secretScrubber';
import { NETWORK_CODES, nodeErrorCode } from '../networkErrors';
import { CredentialError } from './credentials';
import { isThrottling } from './throttleRetry';

export interface ErrorContext {
  /** Cost Explorer endpoint as configured ('' for the AWS default). */
  endpoint: string;
  roleArn?: string;
  /** Values that must never appear in a message (access key ID, secret). */
  redact: string[];
  /** Attempts made before giving up (throttling). */
  attempts?: number;
  requestTimeoutMs?: number;
}

interface AwsErrorShape {
  name?: string;
  message?: string;
  code?: string;
  errors?: Array<{ code?: string }>;
  $metadata?: { httpStatusCode?: number };
  /** The raw HTTP response, which the SDK attaches (hidden) to the errors it raises. */
  $response?: { statusCode?: number; headers?: Record<string, string | undefined> };
}

/**
 * An answer the SDK parsed but that is not what Cost Explorer sends (no ResultsByTime list, say):
 * thrown by the operations that check what they read, mapped to a downstream error here.
 */
export class NotCostExplorerAnswer extends Error {
  constructor(
    readonly operation: string,
    readonly what: string
  ) {
    super(`${operation}: ${what}`);
    this.name = 'NotCostExplorerAnswer';
  }
}

const CE_DEFAULT_ENDPOINT = 'https://ce.us-east-1.amazonaws.com';
const INVALID_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);
/**
 * The access key ID is known but the signature does not match: a wrong secret key, or a clock far
 * enough off that the signed time falls outside AWS's 5-minute window. Never a permission (AWS
 * checks IAM only after the signature), though some endpoints send these with HTTP 403.
 */
const BAD_SIGNATURE = new Set(['InvalidSignatureException', 'SignatureDoesNotMatch']);
const EXPIRED_CREDENTIALS = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);

/**
 * Throws NotCostExplorerAnswer when `out[field]` is not a list (or is missing, when `required`):
 * the SDK passes whatever JSON came through untyped.
 */
export function requireList(operation: string, out: object, field: string, required: boolean): void {
  const value: unknown = (out as Record<string, unknown>)[field];
  if (value === undefined ? required : !Array.isArray(value)) {
    throw new NotCostExplorerAnswer(
      operation,
      value === undefined ? `no ${field} list` : `${field} is a ${typeof value}, not a list`
    );
  }
}

/**
 * Failures that are not about permissions whatever their HTTP status (403 included): a refused
 * signature, or an answer that is not Cost Explorer's. Operation-specific mappings that read 403
 * as a missing permission leave these to costExplorerError.
 */
export function isSignatureOrForeignAnswer(error: unknown): boolean {
  const e = (error ?? {}) as AwsErrorShape;
  return error instanceof NotCostExplorerAnswer || BAD_SIGNATURE.has(e.name ?? '') || unparsedBody(e);
}

/** The SDK could not parse the body: something else answered (a proxy, a web server, a portal). */
const unparsedBody = (e: AwsErrorShape) =>
  e.$response !== undefined && (e.name === 'SyntaxError' || /Deserialization error/i.test(e.message ?? ''));

export function isAbort(error: unknown): boolean {
  return (error as AwsErrorShape | undefined)?.name === 'AbortError';
}

/** The QueryError for `error` (aborts are returned as they are: the caller cancelled). */
export function costExplorerError(error: unknown, context: ErrorContext): Error {
  if (error instanceof QueryError || isAbort(error)) {
    return error as Error;
  }
  const scrub = createScrubber(context.redact);
  if (error instanceof CredentialError) {
    return credentialFailure(error, context, scrub);
  }
  const e = (error ?? {}) as AwsErrorShape;
  const name = e.name ?? 'Error';
  const said = e.message ? ` AWS said: ${scrub(e.message)}` : '';
  const where = context.endpoint || CE_DEFAULT_ENDPOINT;

  if (error instanceof NotCostExplorerAnswer) {
    return downstreamError(
      `Cost Explorer at ${where} answered ${error.operation} with something that is not a Cost Explorer answer (${error.what}): check the endpoint in the datasource settings, and any proxy between the Grafana server and AWS.`,
      502
    );
  }
  if (e.$response && unparsedBody(e)) {
    // The SDK's message only points at its hidden $response field: not for the user.
    return downstreamError(
      `Cost Explorer at ${where} answered HTTP ${e.$response.statusCode ?? e.$metadata?.httpStatusCode ?? '?'} with ${mediaType(e.$response.headers)}, which is not a Cost Explorer answer (AWS JSON): check the endpoint in the datasource settings, and any proxy between the Grafana server and AWS.`,
      502
    );
  }
  if (BAD_SIGNATURE.has(name)) {
    return downstreamError(
      `AWS rejected the request signature (${name}): the secret access key does not match the access key ID (check both in the datasource settings, or the credentials the Grafana server runs with), or the Grafana server's clock is off by more than 5 minutes (AWS refuses signatures dated outside that window: synchronise the clock, with NTP).`,
      401
    );
  }
  if (ACCESS_DENIED.has(name) || e.$metadata?.httpStatusCode === 403) {
    return downstreamError(
      `Cost Explorer denied access (${name}): the AWS identity needs the IAM permission ce:GetCostAndUsage (for example through the AWS managed policy AWSBillingReadOnlyAccess), and member accounts of an organisation need Cost Explorer access granted by the management account.${said}`,
      403
    );
  }
  if (INVALID_CREDENTIALS.has(name)) {
    return downstreamError(
      `AWS rejected the credentials (${name}): check the access key ID and secret access key in the datasource settings, or the credentials the Grafana server runs with.`,
      401
    );
  }
  if (EXPIRED_CREDENTIALS.has(name)) {
    return downstreamError(
      `The AWS credentials have expired (${name}): renew the session credentials the Grafana server uses, or use long-lived keys or an assumed role.`,
      401
    );
  }
  if (isThrottling(error)) {
    return downstreamError(
      `Cost Explorer is throttling requests (${name}) even after ${context.attempts ?? 1} attempts: wait a minute, refresh the dashboard less often, or raise the cache TTL in the datasource settings.`,
      429
    );
  }
  switch (name) {
    case 'DataUnavailableException':
      return downstreamError(
        `Cost Explorer has no data for this request (DataUnavailableException): Cost Explorer takes up to 24 hours to prepare data after it is enabled, and hourly data must be enabled in Cost Explorer preferences (last 14 days only).${said}`,
        503
      );
    case 'BillExpirationException':
      return downstreamError(
        `Cost Explorer no longer has this period (BillExpirationException): it keeps 13 months (38 with multi-year data enabled); shorten the time range.${said}`,
        400
      );
    case 'RequestChangedException':
    case 'InvalidNextTokenException':
      return downstreamError(
        `Cost Explorer data changed while its pages were read (${name}): run the query again.`,
        409
      );
    case 'ValidationException':
      return downstreamError(
        `Cost Explorer rejected the request (ValidationException): the time range must lie within the last 13 months (hourly: the last 14 days).${said}`,
        400
      );
    case 'TimeoutError':
      return downstreamError(
        `Cost Explorer at ${where} did not answer within ${Math.round((context.requestTimeoutMs ?? 0) / 1000) || 'the'} s: check network access from the Grafana server (proxy, firewall, VPC endpoint) and try again.`,
        504
      );
  }
  const network = networkProblem(e);
  if (network) {
    return downstreamError(
      `Cannot reach Cost Explorer at ${where} (${network.code}): ${network.what}. Check the endpoint in the datasource settings and that the Grafana server can reach it (proxy, firewall, VPC endpoint).`,
      network.status
    );
  }
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (status >= 500) {
    return downstreamError(
      `Cost Explorer failed with HTTP ${status} (${name}): AWS had a problem, try again in a few minutes.${said}`,
      502
    );
  }
  return downstreamError(`Cost Explorer request failed (${name}).${said}`, 502);
}

function credentialFailure(error: CredentialError, context: ErrorContext, scrub: (s: string) => string): QueryError {
  const e = (error.upstream ?? {}) as AwsErrorShape;
  const name = e.name ?? 'Error';
  const said = e.message ? ` AWS said: ${scrub(e.message)}` : '';
  if (error.stage === 'assumeRole') {
    if (BAD_SIGNATURE.has(name)) {
      return downstreamError(
        `AWS STS rejected the request signature when assuming the role (${name}): the secret access key does not match the access key ID, or the Grafana server's clock is off by more than 5 minutes (synchronise it, with NTP).`,
        401
      );
    }
    if (ACCESS_DENIED.has(name) || e.$metadata?.httpStatusCode === 403) {
      return downstreamError(
        `Could not assume the role ${context.roleArn ?? ''} (${name}): the identity the Grafana server uses needs the IAM permission sts:AssumeRole on that role, and the role's trust policy must allow that identity (with the same external ID, if one is set).${said}`,
        403
      );
    }
    if (INVALID_CREDENTIALS.has(name) || EXPIRED_CREDENTIALS.has(name)) {
      return downstreamError(
        `AWS STS rejected the credentials used to assume the role (${name}): check the access key ID and secret access key, or the credentials the Grafana server runs with.`,
        401
      );
    }
    if (name === 'CredentialsProviderError') {
      return noDefaultCredentials('to assume the role with');
    }
    const network = networkProblem(e);
    if (network) {
      return downstreamError(
        `Cannot reach AWS STS to assume the role (${network.code}): ${network.what}. Check that the Grafana server can reach sts.amazonaws.com (or its regional endpoint).`,
        network.status
      );
    }
    return downstreamError(`Could not assume the role ${context.roleArn ?? ''} (${name}).${said}`, 502);
  }
  return noDefaultCredentials('');
}

function noDefaultCredentials(purpose: string): QueryError {
  return downstreamError(
    `No AWS credentials found${purpose ? ` ${purpose}` : ''}: the default chain looked at environment variables (AWS_ACCESS_KEY_ID…), the shared config and credentials files, web identity and the container or instance role of the Grafana server. Configure one of them, or choose "Access keys" in the datasource settings.`,
    401
  );
}

/** The media type of a response (`text/html`), never the rest of a header an upstream wrote. */
function mediaType(headers: Record<string, string | undefined> | undefined): string {
  const header = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === 'content-type')?.[1];
  if (!header) {
    return 'no content type';
  }
  const type = /^\s*([\w.+-]{1,64}\/[\w.+-]{1,64})/.exec(header)?.[1];
  return type ? `content type ${type.toLowerCase()}` : 'an unreadable content type';
}

function networkProblem(e: AwsErrorShape): { code: string; what: string; status: number } | undefined {
  // Errors from another realm reach us only as "AWS SDK error wrapper for Error: connect ECONNREFUSED …".
  const code =
    nodeErrorCode(e) ?? Object.keys(NETWORK_CODES).find((c) => new RegExp(`\\b${c}\\b`).test(e.message ?? ''));
  const known = code ? NETWORK_CODES[code] : undefined;
  return code && known ? { code, ...known } : undefined;
}
