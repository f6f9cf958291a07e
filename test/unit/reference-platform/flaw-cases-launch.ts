// Launch-side cases of the flaw table: the authentication request checks, the id_token, the key set
// and the login initiation. Each case answers "did the platform behave correctly?".
import { compactVerify, importJWK, type JWK } from 'jose';
import { CLAIM, LTI_VERSION } from '../../../src/lti/vocab.js';
import type { PlatformFlaw } from '../../../src/reference/platform/index.js';
import { authorize, authParams, json, launch, send, startLaunch, type Env } from './client.js';

export interface FlawEnv extends Env {
  /** An access token with every AGS and NRPS scope (fetched once per platform). */
  token(): Promise<string>;
}

export interface FlawCase {
  name: string;
  /** The flaws that make the platform misbehave in this case. */
  flippedBy: PlatformFlaw[];
  /** True when the platform behaved correctly. */
  run(env: FlawEnv): Promise<boolean>;
}

/** Correct = the authentication request changed by `change` gets no id_token. */
const authRefuses = (change: Record<string, string | undefined>, tamperHint = false) => async (env: FlawEnv): Promise<boolean> => {
  const s = await startLaunch(env);
  const params = { ...authParams(env, s), ...change };
  if (tamperHint) params.lti_message_hint = `${params.lti_message_hint ?? ''}x`;
  const a = await authorize(env, params, s.cookie);
  return a.idToken === undefined && !a.hop.body.includes('name="id_token"');
};

/** Correct = `ok` holds for the claims of a plain instructor launch. */
const claimsOk = (ok: (c: Record<string, unknown>, initiation: URLSearchParams, nonce: string) => boolean) => async (env: FlawEnv): Promise<boolean> => {
  const l = await launch(env);
  return l.claims !== undefined && ok(l.claims, l.started.initiation, l.params.nonce ?? '');
};

function padded(v: unknown): boolean {
  if (typeof v === 'string') return v !== v.trim();
  if (Array.isArray(v)) return v.some(padded);
  return typeof v === 'object' && v !== null && Object.values(v).some(padded);
}

async function jwks(env: FlawEnv): Promise<JWK[]> {
  return json<{ keys: JWK[] }>(await send(env.platform.jwksUrl)).keys;
}

async function verifiesByKid(env: FlawEnv): Promise<boolean> {
  const l = await launch(env);
  const kid = l.header?.kid;
  const jwk = (await jwks(env)).find((k) => k.kid === kid);
  if (typeof kid !== 'string' || jwk === undefined) return false;
  try {
    // Public members only: a published private key must not change this case's outcome.
    await compactVerify(l.idToken ?? '', await importJWK({ kty: jwk.kty, n: jwk.n, e: jwk.e }, 'RS256'));
    return true;
  } catch {
    return false;
  }
}

export const LAUNCH_CASES: FlawCase[] = [
  { name: 'auth: unregistered redirect_uri', flippedBy: ['auth-accepts-unregistered-redirect'], run: authRefuses({ redirect_uri: 'http://127.0.0.1:9/elsewhere' }) },
  { name: 'auth: unknown client_id', flippedBy: ['auth-ignores-client-id'], run: authRefuses({ client_id: 'someone-else' }) },
  { name: 'auth: login_hint of another user', flippedBy: ['auth-ignores-login-hint'], run: authRefuses({ login_hint: 'ref-user-student-2002' }) },
  { name: 'auth: no nonce', flippedBy: ['auth-accepts-missing-nonce'], run: authRefuses({ nonce: undefined }) },
  { name: 'auth: response_type=code', flippedBy: ['auth-accepts-wrong-response-type'], run: authRefuses({ response_type: 'code' }) },
  { name: 'auth: response_mode=query', flippedBy: ['auth-accepts-wrong-response-mode'], run: authRefuses({ response_mode: 'query' }) },
  { name: 'auth: scope=profile', flippedBy: ['auth-accepts-wrong-scope'], run: authRefuses({ scope: 'profile' }) },
  { name: 'auth: no prompt', flippedBy: ['auth-accepts-missing-prompt'], run: authRefuses({ prompt: undefined }) },
  { name: 'auth: tampered lti_message_hint', flippedBy: ['auth-accepts-tampered-message-hint'], run: authRefuses({}, true) },
  { name: 'launch: a correct request gets an id_token', flippedBy: [], run: async (env) => (await launch(env)).idToken !== undefined },
  { name: 'id_token: header has kid', flippedBy: ['token-omits-kid'], run: async (env) => typeof (await launch(env)).header?.kid === 'string' },
  {
    name: 'id_token: verifies with the published key named by kid',
    flippedBy: ['token-omits-kid', 'token-unknown-kid', 'token-wrong-signature'],
    run: verifiesByKid,
  },
  {
    name: 'jwks: public members only',
    flippedBy: ['jwks-private-members'],
    run: async (env) => (await jwks(env)).every((k) => ['d', 'p', 'q', 'dp', 'dq', 'qi'].every((m) => !(m in k))),
  },
  {
    name: 'jwks: kids are unique',
    flippedBy: ['jwks-duplicate-kid'],
    run: async (env) => {
      const kids = (await jwks(env)).map((k) => k.kid);
      return kids.length > 0 && new Set(kids).size === kids.length;
    },
  },
  { name: 'id_token: deployment_id', flippedBy: ['token-omits-deployment-id'], run: claimsOk((c) => c[CLAIM.deploymentId] === 'deploy-1') },
  { name: 'id_token: version', flippedBy: ['token-wrong-version'], run: claimsOk((c) => c[CLAIM.version] === LTI_VERSION) },
  {
    name: 'id_token: target_link_uri = initiation',
    flippedBy: ['token-target-link-mismatch'],
    run: claimsOk((c, i) => c[CLAIM.targetLinkUri] === i.get('target_link_uri')),
  },
  {
    name: 'id_token: resource_link.id',
    flippedBy: ['token-omits-resource-link'],
    run: claimsOk((c) => typeof (c[CLAIM.resourceLink] as { id?: unknown } | undefined)?.id === 'string'),
  },
  { name: 'id_token: no whitespace padding', flippedBy: ['token-whitespace-padding'], run: claimsOk((c) => !padded(c)) },
  {
    name: 'id_token: custom values are strings',
    flippedBy: ['token-custom-non-string'],
    run: claimsOk((c) => Object.values(c[CLAIM.custom] as object).every((v) => typeof v === 'string')),
  },
  { name: 'id_token: nonce echoed', flippedBy: ['token-omits-nonce-echo'], run: claimsOk((c, _i, nonce) => c.nonce === nonce) },
  {
    name: 'id_token: not expired',
    flippedBy: ['token-expired'],
    run: claimsOk((c) => typeof c.exp === 'number' && c.exp > Date.now() / 1000),
  },
  {
    name: 'initiation: login_hint',
    flippedBy: ['initiation-omits-login-hint'],
    run: async (env) => (await startLaunch(env)).initiation.get('login_hint') === env.platform.users.instructor,
  },
  {
    name: 'initiation: lti_deployment_id = deployment_id claim',
    flippedBy: ['initiation-deployment-mismatch'],
    run: async (env) => {
      const l = await launch(env);
      return l.started.initiation.get('lti_deployment_id') === (l.claims?.[CLAIM.deploymentId] ?? 'deploy-1');
    },
  },
];
