// Dynamic Registration cases of the flaw table: the OpenID configuration and the registration endpoint.
// They run last: the valid registration becomes the tool the platform launches.
import { DR } from '../../../src/lti/vocab.js';
import type { FlawCase, FlawEnv } from './flaw-cases-launch.js';

const T = 'https://tool.example';
const metadata = (): Record<string, unknown> => ({
  application_type: 'web', grant_types: ['implicit', 'client_credentials'], response_types: ['id_token'], redirect_uris: [`${T}/launch`], initiate_login_uri: `${T}/login`,
  client_name: 't', jwks_uri: `${T}/jwks`, token_endpoint_auth_method: 'private_key_jwt', [DR.toolConfiguration]: { domain: 'tool.example', target_link_uri: `${T}/launch` },
});
const config = async (env: FlawEnv): Promise<Record<string, unknown>> => (await fetch(env.platform.registration.openidConfigurationUrl)).json() as Promise<Record<string, unknown>>;
async function register(env: FlawEnv, auth: 'valid' | 'none' | 'wrong', drop?: string): Promise<{ status: number; type: string; body: Record<string, unknown> | undefined }> {
  const m = metadata();
  if (drop) delete m[drop];
  const token = auth === 'valid' ? env.platform.registration.issueToken() : auth === 'wrong' ? 'not-a-token' : undefined;
  const res = await fetch(env.platform.registration.endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(m) });
  const text = await res.text();
  let body: Record<string, unknown> | undefined;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', body };
}
const refuses = (auth: 'valid' | 'none' | 'wrong', drop?: string) => async (env: FlawEnv): Promise<boolean> => {
  const r = await register(env, auth, drop);
  return r.status >= 400 && r.body?.client_id === undefined;
};

export const REGISTRATION_CASES: FlawCase[] = [
  { name: 'dr: configuration names registration_endpoint', flippedBy: ['dr-config-omits-registration-endpoint'], run: async (env) => (await config(env)).registration_endpoint === env.platform.registration.endpoint },
  { name: 'dr: configuration has the LTI platform configuration', flippedBy: ['dr-config-omits-platform-configuration'], run: async (env) => typeof (await config(env))[DR.platformConfiguration] === 'object' },
  { name: 'dr: refuses without token', flippedBy: ['dr-accepts-missing-token'], run: refuses('none') },
  { name: 'dr: refuses a wrong token', flippedBy: ['dr-accepts-wrong-token'], run: refuses('wrong') },
  { name: 'dr: refuses without redirect_uris', flippedBy: ['dr-accepts-missing-redirect-uris'], run: refuses('valid', 'redirect_uris') },
  { name: 'dr: refuses without jwks_uri', flippedBy: ['dr-accepts-missing-jwks-uri'], run: refuses('valid', 'jwks_uri') },
  {
    name: 'dr: refusals are 400/401 JSON errors', flippedBy: ['dr-errors-as-html-500', 'dr-accepts-missing-token', 'dr-accepts-missing-redirect-uris'],
    run: async (env) => {
      const [a, b] = [await register(env, 'none'), await register(env, 'valid', 'redirect_uris')];
      return a.status === 401 && a.body?.error === 'invalid_token' && b.status === 400 && b.body?.error === DR.errorInvalidRedirectUri;
    },
  },
  {
    name: 'dr: a valid registration answers 201 with client_id and deployment_id', flippedBy: ['dr-omits-client-id'],
    run: async (env) => {
      const r = await register(env, 'valid');
      const tc = r.body?.[DR.toolConfiguration] as { deployment_id?: string } | undefined;
      return r.status === 201 && typeof r.body?.client_id === 'string' && typeof tc?.deployment_id === 'string' && env.platform.registration.clients().some((c) => c.active && c.clientId === r.body?.client_id);
    },
  },
];
