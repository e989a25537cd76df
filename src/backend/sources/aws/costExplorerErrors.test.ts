import { QueryError } from '../../core/errors';
import { costExplorerError } from './costExplorerErrors';
import { CredentialError } from './credentials';

const context = {
  endpoint: '',
  redact: ['AKIAUNITTEST00000001', 'unitTestSecret/abc'],
  roleArn: 'arn:aws:iam::123456789012:role/R',
};
const awsError = (name: string, message = '', status = 400) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
const mapped = (error: unknown) => costExplorerError(error, context) as QueryError;

describe('costExplorerError', () => {
  it('names the IAM permission on access denied', () => {
    const e = mapped(awsError('AccessDeniedException', 'User: x is not authorized'));
    expect(e).toMatchObject({ status: 403, source: 'downstream' });
    expect(e.message).toMatch(/ce:GetCostAndUsage/);
  });

  it('names sts:AssumeRole when assuming the role failed', () => {
    const e = mapped(
      new CredentialError('assumeRole', awsError('AccessDenied', 'not authorized to perform: sts:AssumeRole', 403))
    );
    expect(e.status).toBe(403);
    expect(e.message).toMatch(/^Could not assume the role arn:aws:iam::123456789012:role\/R \(AccessDenied\)/);
  });

  it('explains an empty default credential chain', () => {
    const e = mapped(
      new CredentialError(
        'default',
        awsError('CredentialsProviderError', 'Could not load credentials from any providers')
      )
    );
    expect(e.status).toBe(401);
    expect(e.message).toMatch(/No AWS credentials found/);
  });

  it('maps network codes, including Node AggregateErrors and wrapped messages', () => {
    expect(mapped(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })).message).toMatch(
      /^Cannot reach Cost Explorer at https:\/\/ce.us-east-1.amazonaws.com \(ECONNREFUSED\)/
    );
    expect(mapped(Object.assign(new Error(''), { errors: [{ code: 'ENOTFOUND' }] })).message).toMatch(
      /\(ENOTFOUND\): the host name/
    );
    expect(mapped(new Error('AWS SDK error wrapper for Error: getaddrinfo EAI_AGAIN ce')).status).toBe(503);
  });

  it('maps timeouts to 504', () => {
    expect(mapped(awsError('TimeoutError', 'socket timed out', 0)).status).toBe(504);
  });

  it('redacts the keys from quoted AWS messages', () => {
    const e = mapped(awsError('NewException', 'key AKIAUNITTEST00000001 secret unitTestSecret/abc'));
    expect(e.message).toBe('Cost Explorer request failed (NewException). AWS said: key [redacted] secret [redacted]');
  });

  it('passes QueryErrors and aborts through', () => {
    const q = new QueryError('x', 400, 'plugin');
    expect(costExplorerError(q, context)).toBe(q);
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(costExplorerError(abort, context)).toBe(abort);
  });
});
