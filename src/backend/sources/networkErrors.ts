/**
 * Connection-level failures (refused, DNS, TLS) as Node reports them, for every source's error
 * messages: what each code means in words, and the HTTP status the failed query reports.
 */

export interface NetworkCode {
  /** What went wrong, as the end of "Cannot reach X (CODE): …" (no final full stop). */
  what: string;
  status: number;
}

export const NETWORK_CODES: Readonly<Record<string, NetworkCode>> = {
  ECONNREFUSED: { what: 'the connection was refused', status: 502 },
  ENOTFOUND: { what: 'the host name does not resolve', status: 502 },
  EAI_AGAIN: { what: 'DNS lookup failed temporarily', status: 503 },
  ECONNRESET: { what: 'the connection was reset', status: 502 },
  EPIPE: { what: 'the connection was closed', status: 502 },
  EHOSTUNREACH: { what: 'the host is unreachable', status: 502 },
  ENETUNREACH: { what: 'the network is unreachable', status: 502 },
  ETIMEDOUT: { what: 'the connection timed out', status: 504 },
  EPROTO: { what: 'the TLS handshake failed', status: 502 },
  CERT_HAS_EXPIRED: { what: 'its TLS certificate has expired', status: 502 },
  DEPTH_ZERO_SELF_SIGNED_CERT: { what: 'its TLS certificate is self-signed', status: 502 },
  SELF_SIGNED_CERT_IN_CHAIN: { what: 'its TLS certificate chain ends in an untrusted CA', status: 502 },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: { what: 'its TLS certificate is not trusted', status: 502 },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: { what: 'its TLS certificate is not trusted', status: 502 },
  ERR_TLS_CERT_ALTNAME_INVALID: { what: 'its TLS certificate does not name this host', status: 502 },
};

interface NodeErrorShape {
  code?: string;
  errors?: Array<{ code?: string }>;
}

/**
 * The error's code, else that of its first part that has one: happy-eyeballs connects (localhost
 * → ::1 and 127.0.0.1) fail with an AggregateError whose parts carry the codes.
 */
export function nodeErrorCode(error: NodeErrorShape): string | undefined {
  return error.code ?? error.errors?.find((part) => part.code)?.code;
}
