// What a tool under test sent while registering with us by Dynamic Registration: that it read our
// configuration and sent a registration request, and what that request carried ([DR] §3.5, RFC 7591).
// Levels come from the rules: only the request itself, its bearer token, the members a launch needs and the
// RFC 7591 member types (schema.ts) are MUST.
import { fail, pass, type Check } from '../../core/check.js';
import { DR, OAUTH, OIDC } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import { isHttpUrl, isObject, type Json } from './json.js';
import { requestLtiSchema, requestSchema } from './schema.js';

/** The registration request as it reached our endpoint. */
export interface RegistrationRequestView {
  contentType: string;
  /** The Authorization header as sent. */
  authorization?: string;
  /** The body parsed as JSON; undefined when it was not JSON. */
  metadata?: unknown;
}

export interface RegistrationRequestInput {
  request: RegistrationRequestView;
  /** The registration_token we passed in the initiation URL. */
  token: string;
  /** What our configuration offered. */
  offer: { scopes: readonly string[]; messages: readonly string[] };
}

/** Whether the tool read the configuration and sent a registration at all. */
export interface RegistrationFlowInput {
  configurationFetched: boolean;
  registrationReceived: boolean;
  /** Where the tool's page ended (when a browser opened it), for the message. */
  final?: { status: number; url: string };
}

const objectOf = (i: RegistrationRequestInput): Json => (isObject(i.request.metadata) ? i.request.metadata : {});
const toolConfigOf = (i: RegistrationRequestInput): Json => {
  const c = objectOf(i)[DR.toolConfiguration];
  return isObject(c) ? c : {};
};
const ended = (f: RegistrationFlowInput['final']): string => (f ? ` (the tool's page ended at ${f.url} with ${f.status})` : '');

export const configurationFetched: Check<RegistrationFlowInput> = {
  id: 'registration.configuration.fetched',
  title: 'the tool reads the openid_configuration it was given',
  refs: [rule('LTI-DR-003')],
  run: (i) => (i.configurationFetched ? pass() : fail(`the tool never fetched the openid_configuration URL${ended(i.final)}`, 'a GET of the openid_configuration URL', 'no request')),
};

export const registrationSent: Check<RegistrationFlowInput> = {
  id: 'registration.request.sent',
  title: 'the tool posts a registration request to the registration_endpoint',
  refs: [rule('LTI-DR-005')],
  run: (i) =>
    i.registrationReceived
      ? pass()
      : fail(`no registration request reached our registration_endpoint${ended(i.final)}${i.final ? '; if the tool needs a signed-in person to confirm, set triggers.register: manual' : ''}`, 'a POST to the registration_endpoint', 'no request'),
};

export const registrationBearer: Check<RegistrationRequestInput> = {
  id: 'registration.request.bearer-token',
  title: 'the registration request carries the registration_token as its bearer token',
  refs: [rule('LTI-DR-002')],
  run: (i) => {
    const auth = i.request.authorization;
    if (auth === undefined) return fail('the registration request has no Authorization header', `Bearer ${i.token}`, 'no Authorization header');
    const token = /^Bearer\s+(\S+)$/i.exec(auth.trim())?.[1];
    return token === i.token ? pass() : fail('the Authorization header does not carry the registration_token as a bearer token', `Bearer ${i.token}`, auth);
  },
};

export const registrationJson: Check<RegistrationRequestInput> = {
  id: 'registration.request.json',
  title: 'the registration request is a JSON object sent as application/json',
  refs: [rule('DR-CLIENT-METADATA')],
  run: (i) => {
    if (!isObject(i.request.metadata)) return fail('the registration body is not a JSON object', 'a JSON object', i.request.metadata === undefined ? 'not JSON' : i.request.metadata);
    return /^application\/json\b/i.test(i.request.contentType.trim()) ? pass() : fail('the registration request is not labelled application/json', 'application/json', i.request.contentType || '(no Content-Type)');
  },
};

export const registrationLaunchMembers: Check<RegistrationRequestInput> = {
  id: 'registration.request.launch-members',
  title: 'the registration carries redirect_uris, initiate_login_uri, jwks_uri and the tool target_link_uri',
  refs: [rule('LTI-DR-005')],
  run: (i) => {
    const m = objectOf(i);
    const missing: string[] = [];
    if (!Array.isArray(m.redirect_uris) || m.redirect_uris.length === 0 || !m.redirect_uris.every(isHttpUrl)) missing.push('redirect_uris');
    for (const name of ['initiate_login_uri', 'jwks_uri']) if (!isHttpUrl(m[name])) missing.push(name);
    if (!isHttpUrl(toolConfigOf(i).target_link_uri)) missing.push(`${DR.toolConfiguration}.target_link_uri`);
    return missing.length === 0 ? pass() : fail(`the registration lacks (or has no http(s) URL in) ${missing.join(', ')}`, 'every member a launch needs', missing);
  },
};

export const registrationClientMetadata: Check<RegistrationRequestInput> = {
  id: 'registration.request.client-metadata',
  title: 'the registration describes an LTI web client (grant types, response type, auth method, name, domain; claims and messages as lists)',
  refs: [rule('DR-CLIENT-METADATA')],
  run: (i) => {
    const m = objectOf(i);
    const c = toolConfigOf(i);
    const has = (v: unknown, x: string): boolean => Array.isArray(v) && v.includes(x);
    const wrong: string[] = [];
    // An absent application_type means web (OpenID Connect Dynamic Client Registration §2).
    if (m.application_type !== undefined && m.application_type !== DR.applicationType) wrong.push(`application_type ${DR.applicationType}`);
    if (!has(m.grant_types, DR.grantImplicit) || !has(m.grant_types, OAUTH.grantClientCredentials)) wrong.push('grant_types [implicit, client_credentials]');
    if (!has(m.response_types, OIDC.responseType)) wrong.push(`response_types [${OIDC.responseType}]`);
    if (typeof m.client_name !== 'string' || m.client_name === '') wrong.push('client_name');
    if (m.token_endpoint_auth_method !== DR.authMethodPrivateKeyJwt) wrong.push(`token_endpoint_auth_method ${DR.authMethodPrivateKeyJwt}`);
    if (typeof c.domain !== 'string' || c.domain === '') wrong.push('tool configuration domain');
    // claims and messages are optional (Moodle registers tools without them); when sent, they are lists.
    if (c.claims !== undefined && !Array.isArray(c.claims)) wrong.push('tool configuration claims (a list)');
    if (c.messages !== undefined && !Array.isArray(c.messages)) wrong.push('tool configuration messages (a list)');
    const actual = { application_type: m.application_type, grant_types: m.grant_types, response_types: m.response_types, client_name: m.client_name, token_endpoint_auth_method: m.token_endpoint_auth_method, domain: c.domain, claims: c.claims, messages: c.messages };
    return wrong.length === 0 ? pass() : fail(`the registration metadata lacks or differs on: ${wrong.join('; ')}`, wrong, actual);
  },
};

export const registrationScopesOffered: Check<RegistrationRequestInput> = {
  id: 'registration.request.scopes-offered',
  title: 'the tool asks only for scopes our configuration lists in scopes_supported',
  refs: [rule('LTI-DR-007')],
  run: (i) => {
    const scope = objectOf(i).scope;
    const asked = typeof scope === 'string' ? scope.split(' ').filter((s) => s !== '') : [];
    const extra = asked.filter((s) => !i.offer.scopes.includes(s));
    return extra.length === 0 ? pass() : fail('the registration asks for scopes the configuration does not offer', i.offer.scopes, extra);
  },
};

export const registrationMessagesOffered: Check<RegistrationRequestInput> = {
  id: 'registration.request.messages-offered',
  title: 'the tool declares only message types our configuration lists in messages_supported',
  refs: [rule('LTI-DR-007')],
  run: (i) => {
    const messages = toolConfigOf(i).messages;
    const types = Array.isArray(messages) ? messages.map((x) => (isObject(x) ? x.type : undefined)) : [];
    const extra = types.filter((t) => typeof t !== 'string' || !i.offer.messages.includes(t));
    return extra.length === 0 ? pass() : fail('the registration declares message types the configuration does not offer', i.offer.messages, extra);
  },
};

/** Every check on the request itself, in report order. */
export const REQUEST_CHECKS = [registrationBearer, registrationJson, requestSchema, requestLtiSchema, registrationLaunchMembers, registrationClientMetadata, registrationScopesOffered, registrationMessagesOffered] as const;
