// What the tool under test sent to our platform services, kept raw for the checks to judge.
// The services answer as a real platform would; judging is the checks' job, not theirs.

export interface DecodedAssertion {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** Signature verified against the tool's JWKS (target.jwksUrl). */
  signatureValid: boolean;
  /** Why verification failed (unknown kid, bad signature, JWKS unreachable, ...). */
  verifyError?: string;
  /** The kid resolved to a key in the tool's JWKS. */
  kidFound: boolean;
}

/** One POST to our token endpoint. */
export interface TokenRequestRecord {
  exchangeId: string;
  at: number;
  /** HTTP method (anything but POST is refused with 405, and still recorded). */
  method?: string;
  contentType: string;
  /** The form fields as received (client_assertion kept in `assertion`, decoded). */
  form: Record<string, string>;
  assertion?: DecodedAssertion;
  /** Raw assertion JWT, for jti reuse checks across requests. */
  assertionJwt?: string;
  status: number;
  /** Error code we answered with, when we refused. */
  error?: string;
  errorDescription?: string;
  /** Scopes asked for, as split from `scope`. */
  requestedScopes?: string[];
  grantedScopes: string[];
  /** The access token we issued (never reported; checks compare tokens by identity). */
  accessToken?: string;
  /** When that token expires (ms clock). */
  expiresAt?: number;
}

export type ServiceOperation =
  | 'lineitems.get'
  | 'lineitems.post'
  | 'lineitem.get'
  | 'lineitem.put'
  | 'lineitem.delete'
  | 'scores.post'
  | 'results.get'
  | 'memberships.get'
  | 'unknown';

export interface TokenUse {
  present: boolean;
  /** Issued by us and not expired. */
  valid: boolean;
  expired: boolean;
  /** We ended it before its expires_in (NT-T-46); a 401 then a new token is the right answer. */
  revoked?: boolean;
  scopes: string[];
  /** Index into the token request log of the request that issued it. */
  issuedBy?: number;
}

/** One call the tool made to AGS or NRPS. */
export interface ServiceCallRecord {
  exchangeId: string;
  at: number;
  service: 'ags' | 'nrps';
  operation: ServiceOperation;
  method: string;
  /** Full URL as received, query included (origin: our base URL, so it compares with the URLs we issued). */
  url: string;
  headers: Record<string, string>;
  body: string;
  token: TokenUse;
  status: number;
  /** Error code we answered with, when we refused. */
  error?: string;
  errorDescription?: string;
  /** Context id the URL belongs to. */
  contextId?: string;
  /** Line item id (URL) the call addressed, for line item, scores and results calls. */
  lineItemId?: string;
  /** For paged reads: which page this was (1-based) and whether more pages remained. */
  page?: { index: number; hasNext: boolean };
}

/** The deep-linking response the tool posted to our deep_link_return_url. */
export interface DeepLinkReturnRecord {
  exchangeId: string;
  at: number;
  method: string;
  contentType: string;
  /** Form fields as received; the response JWT should be in `JWT`. */
  form: Record<string, string>;
  /** Query of the return URL (we put a session id there to match the request). */
  query: Record<string, string>;
  /** What we answered (405 for anything but POST). */
  status?: number;
}
