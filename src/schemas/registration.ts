import { DR } from '../lti/vocab.js';
import { str, url, type JsonSchema } from './common.js';

// The three LTI Dynamic Registration documents, each as two schemas over the same document: the members an
// IETF/OpenID text defines (OpenID Connect Discovery §3, RFC 7591 §2 and §3.2.1), whose types bind (MUST),
// and the members LTI Dynamic Registration adds (the LTI platform / tool configuration objects,
// authorization_server), whose text could not be read (a type slip there warns; docs/spec-confidence.md).
// Types only: which members must be present is judged by the member checks of src/checks/registration.
// Every object stays open: extensions (Canvas's https://canvas.instructure.com/lti/... members) pass.

const strings = (spec: string): JsonSchema => ({ type: 'array', items: { type: 'string' }, 'x-spec': spec });
const boolean = (spec: string): JsonSchema => ({ type: 'boolean', 'x-spec': spec });
const object = (spec: string): JsonSchema => ({ type: 'object', 'x-spec': spec });
const stringMap = (spec: string): JsonSchema => ({ type: 'object', additionalProperties: { type: 'string', 'x-spec': spec }, 'x-spec': spec });

const DISC = 'OpenID Connect Discovery §3';
/** OpenID Connect Discovery §3 (and RFC 8414 §2, which it shares) members that are JSON arrays of strings. */
const DISCOVERY_LISTS = [
  'scopes_supported', 'response_types_supported', 'response_modes_supported', 'grant_types_supported', 'acr_values_supported', 'subject_types_supported',
  'id_token_signing_alg_values_supported', 'id_token_encryption_alg_values_supported', 'id_token_encryption_enc_values_supported',
  'userinfo_signing_alg_values_supported', 'userinfo_encryption_alg_values_supported', 'userinfo_encryption_enc_values_supported',
  'request_object_signing_alg_values_supported', 'request_object_encryption_alg_values_supported', 'request_object_encryption_enc_values_supported',
  'token_endpoint_auth_methods_supported', 'token_endpoint_auth_signing_alg_values_supported', 'display_values_supported', 'claim_types_supported',
  'claims_supported', 'claims_locales_supported', 'ui_locales_supported',
] as const;
/** Members that are strings (URLs); the member checks judge which must be present and be http(s). */
const DISCOVERY_STRINGS = ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri', 'registration_endpoint', 'service_documentation', 'op_policy_uri', 'op_tos_uri'] as const;
/** Booleans, though some end in `_supported`: a `*_supported` pattern would fail them. */
const DISCOVERY_BOOLEANS = ['claims_parameter_supported', 'request_parameter_supported', 'request_uri_parameter_supported', 'require_request_uri_registration'] as const;

/** The platform's OpenID configuration, as OpenID Connect Discovery §3 types it. */
export const openidConfigurationSchema: JsonSchema = {
  $id: 'urn:lti-conform:schema:registration:openid-configuration',
  type: 'object',
  'x-spec': DISC,
  properties: {
    issuer: url(DISC),
    ...Object.fromEntries(DISCOVERY_STRINGS.map((k) => [k, str(DISC)])),
    ...Object.fromEntries(DISCOVERY_LISTS.map((k) => [k, strings(DISC)])),
    ...Object.fromEntries(DISCOVERY_BOOLEANS.map((k) => [k, boolean(DISC)])),
  },
};

const DR_CONFIG = 'DR §3.4';
/**
 * The members Dynamic Registration adds to the OpenID configuration. messages_supported entries are objects
 * `{type, placements?}`; Moodle 3.x sent the message types as plain strings, which is accepted.
 */
export const platformConfigurationSchema: JsonSchema = {
  $id: 'urn:lti-conform:schema:registration:platform-configuration',
  type: 'object',
  'x-spec': DR_CONFIG,
  properties: {
    authorization_server: str(DR_CONFIG),
    [DR.platformConfiguration]: {
      type: 'object',
      'x-spec': DR_CONFIG,
      properties: {
        product_family_code: str(DR_CONFIG),
        version: str(DR_CONFIG),
        messages_supported: {
          type: 'array',
          'x-spec': DR_CONFIG,
          items: {
            type: ['object', 'string'],
            'x-spec': DR_CONFIG,
            if: { type: 'object' },
            then: { type: 'object', required: ['type'], properties: { type: str(DR_CONFIG), placements: strings(DR_CONFIG) }, 'x-spec': DR_CONFIG },
          },
        },
        variables: strings(DR_CONFIG),
      },
    },
  },
};

const RFC = 'RFC 7591 §2';
const CLIENT_STRINGS = [
  'token_endpoint_auth_method', 'client_name', 'client_uri', 'logo_uri', 'tos_uri', 'policy_uri', 'jwks_uri', 'software_id', 'software_version', 'software_statement',
] as const;

const clientMetadataProperties: Record<string, JsonSchema> = {
  redirect_uris: { type: 'array', items: url(RFC), 'x-spec': RFC },
  grant_types: strings(RFC),
  response_types: strings(RFC),
  scope: str(RFC), // space-separated scope values
  contacts: strings(RFC),
  jwks: object(RFC),
  ...Object.fromEntries(CLIENT_STRINGS.map((k) => [k, str(RFC)])),
  // OpenID Connect Dynamic Client Registration §2, which LTI registrations use.
  application_type: str('OpenID Connect Registration §2'),
  initiate_login_uri: str('OpenID Connect Registration §2'),
};

/** The tool's registration request (client metadata), as RFC 7591 §2 types it. */
export const registrationRequestSchema: JsonSchema = {
  $id: 'urn:lti-conform:schema:registration:request',
  type: 'object',
  'x-spec': RFC,
  properties: clientMetadataProperties,
};

const RESPONSE = 'RFC 7591 §3.2.1';
/** The platform's answer to a registration: the client metadata plus client_id (RFC 7591 §3.2.1). */
export const registrationResponseSchema: JsonSchema = {
  $id: 'urn:lti-conform:schema:registration:response',
  type: 'object',
  'x-spec': RESPONSE,
  required: ['client_id'],
  properties: {
    ...clientMetadataProperties,
    client_id: str(RESPONSE),
    client_secret: str(RESPONSE),
    client_id_issued_at: { type: 'number', 'x-spec': RESPONSE },
    client_secret_expires_at: { type: 'number', 'x-spec': RESPONSE },
    registration_access_token: str('RFC 7592 §3'),
    registration_client_uri: str('RFC 7592 §3'),
  },
};

const DR_TOOL = 'DR §3.5.2';
const toolMessage: JsonSchema = {
  type: 'object',
  'x-spec': DR_TOOL,
  required: ['type'],
  properties: {
    type: str(DR_TOOL),
    target_link_uri: str(DR_TOOL),
    label: str(DR_TOOL),
    icon_uri: str(DR_TOOL),
    custom_parameters: stringMap(DR_TOOL),
    placements: strings(DR_TOOL),
    roles: strings(DR_TOOL),
  },
};

const toolConfigurationProperties: Record<string, JsonSchema> = {
  domain: str(DR_TOOL),
  secondary_domains: strings(DR_TOOL),
  target_link_uri: str(DR_TOOL),
  custom_parameters: stringMap(DR_TOOL),
  description: str(DR_TOOL),
  claims: strings(DR_TOOL),
  messages: { type: 'array', items: toolMessage, 'x-spec': DR_TOOL },
};

/** The LTI tool configuration object a registration request carries (DR §3.5.2). */
export const toolConfigurationSchema: JsonSchema = {
  $id: 'urn:lti-conform:schema:registration:tool-configuration',
  type: 'object',
  'x-spec': DR_TOOL,
  properties: { [DR.toolConfiguration]: { type: 'object', 'x-spec': DR_TOOL, properties: toolConfigurationProperties } },
};

const DR_ANSWER = 'DR §3.6.1';
/** The LTI tool configuration of the registration answer: the request's, plus the deployment_id created. */
export const registeredToolConfigurationSchema: JsonSchema = {
  $id: 'urn:lti-conform:schema:registration:registered-tool-configuration',
  type: 'object',
  'x-spec': DR_ANSWER,
  properties: { [DR.toolConfiguration]: { type: 'object', 'x-spec': DR_ANSWER, properties: { ...toolConfigurationProperties, deployment_id: str(DR_ANSWER) } } },
};
