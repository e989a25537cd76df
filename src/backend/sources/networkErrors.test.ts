import { NETWORK_CODES, nodeErrorCode } from './networkErrors';

describe('nodeErrorCode', () => {
  it("takes the error's own code", () => {
    expect(nodeErrorCode({ code: 'ENOTFOUND' })).toBe('ENOTFOUND');
  });

  it('takes the first coded part of a happy-eyeballs AggregateError', () => {
    const error = Object.assign(
      new AggregateError([new Error('a'), { code: 'ECONNREFUSED' }, { code: 'EHOSTUNREACH' }]),
      {
        code: undefined,
      }
    );
    expect(nodeErrorCode(error)).toBe('ECONNREFUSED');
  });

  it('is undefined without any code', () => {
    expect(nodeErrorCode({ errors: [{}] })).toBeUndefined();
  });
});

describe('NETWORK_CODES', () => {
  it('maps timeouts to 504, temporary DNS failures to 503 and the rest to 502', () => {
    expect(NETWORK_CODES.ETIMEDOUT.status).toBe(504);
    expect(NETWORK_CODES.EAI_AGAIN.status).toBe(503);
    expect(NETWORK_CODES.ECONNREFUSED.status).toBe(502);
  });

  it('words each code as the end of a sentence the caller closes', () => {
    for (const { what } of Object.values(NETWORK_CODES)) {
      expect(what).not.toMatch(/[.?!;:]$/);
    }
  });
});
