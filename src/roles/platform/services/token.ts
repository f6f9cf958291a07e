// The token endpoint: OAuth 2 client_credentials with a JWT client assertion ([SEC] §4.1, RFC 7523).
// It answers as a careful authorization server would and records every request raw for the judge.
import { MEDIA_TYPE, OAUTH } from '../../../lti/vocab.js';
import { json, type InboundRequest, type InboundResponse } from '../../inbound-server.js';
import type { ToolKeys } from './assertion.js';
import { mediaType, refuse } from './http.js';
import type { DecodedAssertion, TokenRequestRecord } from './records.js';
import type { ServiceLog } from './service-log.js';
import type { TokenStore } from './token-store.js';

const LEEWAY_SECONDS = 60;

export interface TokenEndpointDeps {
  base(): string;
  tokenUrl(): string;
  tool(): { clientId: string; jwksUrl?: string };
  now(): number;
  lifetimeSeconds: number;
  offeredScopes: readonly string[];
  tokens: TokenStore;
  keys: ToolKeys;
  log: ServiceLog;
}

type Refusal = { status: number; error: string; description: string };

const bad = (error: string, description: string, status = 400): Refusal => ({ status, error, description });

/** The first reason, in the order [SEC] §4.1.1 lists them (iss, sub, exp, aud, jti, then the signature), to refuse the assertion. */
function assertionProblem(a: DecodedAssertion, deps: TokenEndpointDeps): Refusal | undefined {
  const { header, payload: p } = a;
  const clientId = deps.tool().clientId;
  if (header.alg !== 'RS256') return bad('invalid_client', `client_assertion alg must be RS256, got ${JSON.stringify(header.alg)}`);
  if (p.iss !== clientId) return bad('invalid_client', `client_assertion iss ${JSON.stringify(p.iss)} is not the client_id ${clientId}`);
  if (p.sub !== clientId) return bad('invalid_client', `client_assertion sub ${JSON.stringify(p.sub)} is not the client_id ${clientId}`);
  if (typeof p.exp !== 'number' || !Number.isFinite(p.exp)) return bad('invalid_client', 'client_assertion has no numeric exp');
  if (p.exp + LEEWAY_SECONDS <= deps.now() / 1000) return bad('invalid_client', `client_assertion expired at ${new Date(p.exp * 1000).toISOString()}`);
  const aud = Array.isArray(p.aud) ? p.aud : [p.aud];
  if (!aud.includes(deps.tokenUrl()) && !aud.includes(deps.base())) {
    return bad('invalid_client', `client_assertion aud ${JSON.stringify(p.aud)} names neither our token endpoint ${deps.tokenUrl()} nor our issuer ${deps.base()}`);
  }
  if (typeof p.jti !== 'string' || p.jti === '') return bad('invalid_client', 'client_assertion has no jti');
  if (deps.tokens.jtiSeen(`${clientId} ${p.jti}`)) return bad('invalid_client', `client_assertion jti ${JSON.stringify(p.jti)} was already used`);
  if (!a.signatureValid) return bad('invalid_client', `client_assertion signature not verified: ${a.verifyError ?? 'unknown reason'}`);
  return undefined;
}

function duplicated(form: URLSearchParams): string | undefined {
  const seen = new Set<string>();
  for (const k of form.keys()) {
    if (seen.has(k)) return k;
    seen.add(k);
  }
  return undefined;
}

export class TokenEndpoint {
  constructor(private readonly deps: TokenEndpointDeps) {}

  async handle(req: InboundRequest): Promise<InboundResponse> {
    const d = this.deps;
    const contentType = req.headers['content-type'] ?? '';
    const isForm = mediaType(req.headers) === MEDIA_TYPE.formUrlEncoded;
    const form = isForm && req.method === 'POST' ? new URLSearchParams(req.body) : new URLSearchParams();
    const rec: TokenRequestRecord = {
      exchangeId: req.exchangeId, at: d.now(), method: req.method, contentType, form: Object.fromEntries(form), status: 0, grantedScopes: [],
    };
    const jwt = form.get('client_assertion');
    if (jwt !== null) {
      rec.assertionJwt = jwt;
      const decoded = await d.keys.verify(jwt, d.tool().jwksUrl);
      if (decoded) rec.assertion = decoded;
    }
    const scope = form.get('scope');
    if (scope !== null) rec.requestedScopes = scope.split(' ').filter((s) => s !== '');
    // Everything after the awaits is synchronous, so the record index and the token stay paired.
    const problem = this.problem(req, form, isForm, rec);
    if (problem) {
      Object.assign(rec, { status: problem.status, error: problem.error, errorDescription: problem.description });
      d.log.push('token', rec);
      return refuse(problem.status, problem.error, problem.description, problem.status === 405 ? { allow: 'POST' } : {});
    }
    const p = rec.assertion!.payload;
    d.tokens.rememberJti(`${d.tool().clientId} ${String(p.jti)}`, ((p.exp as number) + LEEWAY_SECONDS) * 1000);
    const requested = rec.requestedScopes ?? [];
    const granted = d.offeredScopes.filter((s) => requested.includes(s));
    if (granted.length === 0) {
      const description = requested.length === 0 ? 'no scope requested' : `none of the requested scopes is offered to this tool (offered: ${d.offeredScopes.join(' ')})`;
      Object.assign(rec, { status: 400, error: 'invalid_scope', errorDescription: description });
      d.log.push('token', rec);
      return refuse(400, 'invalid_scope', description);
    }
    rec.status = 200;
    rec.grantedScopes = granted;
    const index = d.log.token.length;
    const token = d.tokens.issue(granted, d.lifetimeSeconds, index);
    rec.accessToken = token.value;
    rec.expiresAt = token.expiresAt;
    d.log.push('token', rec);
    return json(200, { access_token: token.value, token_type: 'Bearer', expires_in: d.lifetimeSeconds, scope: granted.join(' ') }, { pragma: 'no-cache' });
  }

  private problem(req: InboundRequest, form: URLSearchParams, isForm: boolean, rec: TokenRequestRecord): Refusal | undefined {
    if (req.method !== 'POST') return bad('invalid_request', `the token endpoint takes POST, not ${req.method}`, 405);
    if (!isForm) return bad('invalid_request', `token requests are ${MEDIA_TYPE.formUrlEncoded}, got "${rec.contentType}"`);
    const dup = duplicated(form);
    if (dup !== undefined) return bad('invalid_request', `parameter ${dup} is repeated`);
    const grant = form.get('grant_type');
    if (grant === null) return bad('invalid_request', 'grant_type is missing');
    if (grant !== OAUTH.grantClientCredentials) return bad('unsupported_grant_type', `grant_type ${grant} is not supported; use ${OAUTH.grantClientCredentials}`);
    const type = form.get('client_assertion_type');
    if (type !== OAUTH.clientAssertionTypeJwtBearer) return bad('invalid_request', `client_assertion_type must be ${OAUTH.clientAssertionTypeJwtBearer}, got ${JSON.stringify(type)}`);
    if (rec.assertionJwt === undefined || rec.assertionJwt === '') return bad('invalid_client', 'client_assertion is missing');
    if (!rec.assertion) return bad('invalid_client', 'client_assertion is not a JWT (header.payload.signature, base64url JSON)');
    return assertionProblem(rec.assertion, this.deps);
  }
}
