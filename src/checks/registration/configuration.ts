// The platform's OpenID configuration, as a tool fetches it before registering (LTI Dynamic Registration,
// OpenID Connect Discovery §3), and the initiation request that named it.
import { fail, pass, type Check, type Verdict } from '../../core/check.js';
import { DR, OIDC } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import { isHttpUrl, isObject, show, type Json } from './json.js';
import { configurationLtiSchema, configurationSchema } from './schema.js';

/** The configuration document: the body parsed as JSON (undefined when it is not JSON). */
export interface ConfigurationInput {
  status: number;
  json: unknown;
}

const REQUIRED = ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri', 'response_types_supported', 'id_token_signing_alg_values_supported'] as const;
const URL_MEMBERS = new Set(['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri']);

export const configurationDocument: Check<ConfigurationInput> = {
  id: 'registration.configuration.document',
  title: 'the configuration URL answers 200 with a JSON object',
  refs: [rule('LTI-DR-004')],
  run: ({ status, json }) => (status === 200 && isObject(json) ? pass() : fail(`the configuration answered HTTP ${status}${isObject(json) ? '' : ' without a JSON object'}`, '200 with a JSON object', { status, json: json ?? null })),
};

function members(json: unknown, run: (c: Json) => Verdict): Verdict {
  return isObject(json) ? run(json) : pass('not judged: no configuration object (see registration.configuration.document)');
}

export const configurationRequired: Check<ConfigurationInput> = {
  id: 'registration.configuration.required-members',
  title: 'issuer, authorization_endpoint, token_endpoint, jwks_uri, response_types_supported and id_token_signing_alg_values_supported are present',
  refs: [rule('LTI-DR-004')],
  run: ({ json }) => members(json, (c) => {
    const bad = REQUIRED.filter((k) => (URL_MEMBERS.has(k) ? !isHttpUrl(c[k]) : !Array.isArray(c[k]) || (c[k] as unknown[]).length === 0));
    return bad.length === 0 ? pass() : fail(`missing or malformed: ${bad.join(', ')}`, [...REQUIRED], bad);
  }),
};

export const configurationRegistrationEndpoint: Check<ConfigurationInput> = {
  id: 'registration.configuration.registration-endpoint',
  title: 'registration_endpoint is an absolute http(s) URL',
  refs: [rule('LTI-DR-004')],
  run: ({ json }) => members(json, (c) => (isHttpUrl(c.registration_endpoint) ? pass() : fail(`registration_endpoint is ${show(c.registration_endpoint)}`, 'an absolute https URL', c.registration_endpoint ?? null))),
};

const lists = (c: Json, key: string, value: string): boolean => Array.isArray(c[key]) && (c[key] as unknown[]).includes(value);

/** private_key_jwt with RS256 at the token endpoint; id_token, RS256 and openid for launches. */
export const configurationLtiValues: Check<ConfigurationInput> = {
  id: 'registration.configuration.lti-values',
  title: 'the configuration offers private_key_jwt and RS256, and lists id_token and openid',
  refs: [rule('DR-PLATFORM-CONFIG')],
  run: ({ json }) => members(json, (c) => {
    const wanted: [string, string][] = [
      ['token_endpoint_auth_methods_supported', DR.authMethodPrivateKeyJwt], ['token_endpoint_auth_signing_alg_values_supported', DR.signingAlg],
      ['id_token_signing_alg_values_supported', DR.signingAlg], ['response_types_supported', OIDC.responseType], ['scopes_supported', OIDC.scope],
    ];
    const missing = wanted.filter(([k, v]) => !lists(c, k, v)).map(([k, v]) => `${k} without ${v}`);
    return missing.length === 0 ? pass() : fail(missing.join('; '), wanted.map(([k, v]) => `${k} ∋ ${v}`), missing);
  }),
};

export const configurationPlatform: Check<ConfigurationInput> = {
  id: 'registration.configuration.lti-platform-configuration',
  title: 'the LTI platform configuration has product_family_code, version and messages_supported',
  refs: [rule('DR-PLATFORM-CONFIG')],
  run: ({ json }) => members(json, (c) => {
    const p = c[DR.platformConfiguration];
    if (!isObject(p)) return fail(`${DR.platformConfiguration} is ${show(p)}`, 'an object with product_family_code, version, messages_supported', p ?? null);
    const bad = [
      ...(typeof p.product_family_code === 'string' && p.product_family_code !== '' ? [] : ['product_family_code']),
      ...(typeof p.version === 'string' && p.version !== '' ? [] : ['version']),
      ...(Array.isArray(p.messages_supported) && p.messages_supported.every((m) => isObject(m) && typeof m.type === 'string') ? [] : ['messages_supported']),
    ];
    return bad.length === 0 ? pass() : fail(`the LTI platform configuration lacks ${bad.join(', ')}`, ['product_family_code', 'version', 'messages_supported [{type}]'], bad);
  }),
};

/** Checks on the fetched OpenID configuration (NT-P-45). */
export const CONFIGURATION_CHECKS = [configurationDocument, configurationRequired, configurationRegistrationEndpoint, configurationSchema, configurationLtiValues, configurationPlatform, configurationLtiSchema] as const;

/** The query of the registration initiation request the platform sent our tool. */
export interface InitiationInput {
  params: Record<string, string>;
}

export const initiationOpenidConfiguration: Check<InitiationInput> = {
  id: 'registration.initiation.openid-configuration',
  title: 'the registration initiation carries openid_configuration, an absolute http(s) URL',
  refs: [rule('LTI-DR-001')],
  run: ({ params }) => {
    const v = params[DR.openidConfigurationParam];
    return isHttpUrl(v) ? pass() : fail(`${DR.openidConfigurationParam} is ${show(v)}`, 'an absolute https URL', v ?? null);
  },
};

export const initiationNoFragment: Check<InitiationInput> = {
  id: 'registration.initiation.no-fragment',
  title: 'the openid_configuration URL has no fragment',
  refs: [rule('LTI-DR-009')],
  run: ({ params }) => {
    const v = params[DR.openidConfigurationParam];
    return typeof v === 'string' && v.includes('#') ? fail('the openid_configuration URL has a fragment', 'no #fragment', v) : pass();
  },
};

/** Checks on the platform's request to our registration initiation URL. */
export const INITIATION_CHECKS = [initiationOpenidConfiguration, initiationNoFragment] as const;
