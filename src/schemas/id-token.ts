import { CLAIM, LAUNCH_DOCUMENT_TARGETS } from '../lti/vocab.js';
import { bool, nonEmpty, str, url, type JsonSchema } from './common.js';

// The id_token of a resource link launch ([CORE] §5.3-5.4) and of a deep-linking request ([DL] §4.4), as a
// platform sends it ([SEC] §5.1.2). Open to claims we do not know (receivers ignore them, [CORE] §4.3): only
// the claims defined by the specs are typed. aud may be a string or an array ([SEC] §5.1.2). URL-valued
// optional properties are plain strings here (platforms send "" for unset ones); the https rule is a check.

const id255 = (spec: string): JsonSchema => str(spec, { minLength: 1, maxLength: 255 });
const strings = (spec: string): JsonSchema => ({ type: 'array', items: { type: 'string' }, 'x-spec': spec });
const number = (spec: string): JsonSchema => ({ type: 'number', 'x-spec': spec });
const object = (spec: string, properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: 'object',
  'x-spec': spec,
  ...(required.length > 0 ? { required } : {}),
  properties,
});

/** Optional members: platforms serialise unset ones as null (Canvas does), which means absent. */
const opt = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }], 'x-spec': (schema as { 'x-spec'?: string })['x-spec'] });
const optStr = (spec: string): JsonSchema => ({ ...str(spec), type: ['string', 'null'] });
/** Deep-linking flags: booleans, and "true"/"false" as the 1EdTech JSON binding and older Moodle send them. */
const flag = (spec: string): JsonSchema => opt({ anyOf: [bool(spec), { type: 'string', enum: ['true', 'false'] }], 'x-spec': spec });

const SEC = 'SEC §5.1.2';
const USER = 'CORE §5.3.6';

/** Claims shared by every platform-originating LTI message. */
const commonProperties: Record<string, JsonSchema> = {
  iss: nonEmpty(SEC),
  aud: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }], 'x-spec': SEC },
  sub: id255(SEC),
  exp: number(SEC),
  iat: number(SEC),
  nonce: nonEmpty(SEC),
  azp: str(SEC),
  name: str(USER),
  given_name: str(USER),
  family_name: str(USER),
  middle_name: str(USER),
  email: str(USER),
  picture: str(USER),
  locale: str(USER),
  [CLAIM.messageType]: nonEmpty('CORE §5.3.1'),
  [CLAIM.version]: nonEmpty('CORE §5.3.2'),
  [CLAIM.deploymentId]: id255('CORE §5.3.3'),
  [CLAIM.targetLinkUri]: url('CORE §5.3.4'),
  [CLAIM.roles]: strings('CORE §5.3.7'),
  [CLAIM.context]: object('CORE §5.4.1', { id: id255('CORE §5.4.1'), label: str('CORE §5.4.1'), title: str('CORE §5.4.1'), type: strings('CORE §5.4.1') }, ['id']),
  [CLAIM.toolPlatform]: object('CORE §5.4.2', {
    guid: id255('CORE §5.4.2'),
    contact_email: str('CORE §5.4.2'),
    description: str('CORE §5.4.2'),
    name: str('CORE §5.4.2'),
    url: str('CORE §5.4.2'),
    product_family_code: str('CORE §5.4.2'),
    version: str('CORE §5.4.2'),
  }, ['guid']),
  [CLAIM.roleScopeMentor]: strings('CORE §5.4.3'),
  [CLAIM.launchPresentation]: object('CORE §5.4.4', {
    document_target: str('CORE §5.4.4', { enum: [...LAUNCH_DOCUMENT_TARGETS] }),
    // No JSON type is given for height and width ([CORE] §5.4.4): numbers or numeric strings.
    height: { type: ['number', 'string', 'null'], 'x-spec': 'CORE §5.4.4' },
    width: { type: ['number', 'string', 'null'], 'x-spec': 'CORE §5.4.4' },
    return_url: optStr('CORE §5.4.4'),
    locale: optStr('CORE §5.4.4'),
  }),
  [CLAIM.lis]: object('CORE §5.4.5', {
    person_sourcedid: str('CORE §5.4.5'),
    course_offering_sourcedid: str('CORE §5.4.5'),
    course_section_sourcedid: str('CORE §5.4.5'),
  }),
  [CLAIM.custom]: { type: 'object', additionalProperties: { type: 'string', 'x-spec': 'CORE §5.4.6' }, 'x-spec': 'CORE §5.4.6' },
  [CLAIM.ags]: object('AGS §3.1', { scope: strings('AGS §3.1'), lineitems: str('AGS §3.1'), lineitem: str('AGS §3.1') }),
  [CLAIM.nrps]: object('NRPS §3.6.1', { context_memberships_url: url('NRPS §3.6.1'), service_versions: strings('NRPS §3.6.1') }, ['context_memberships_url']),
  [CLAIM.lti1p1]: object('MIGR', {}),
};

const SEC_REQUIRED = ['iss', 'aud', 'exp', 'iat', 'nonce', CLAIM.messageType, CLAIM.version, CLAIM.deploymentId];

/** LtiResourceLinkRequest ([CORE] §5.3: message_type, version, deployment_id, target_link_uri, resource_link, roles). */
export const resourceLinkRequestSchema: JsonSchema = {
  $id: 'urn:lti-conform:schema:id-token:resource-link-request',
  type: 'object',
  'x-spec': 'CORE §5.3',
  required: [...SEC_REQUIRED, CLAIM.targetLinkUri, CLAIM.resourceLink, CLAIM.roles],
  properties: {
    ...commonProperties,
    [CLAIM.resourceLink]: object('CORE §5.3.5', { id: id255('CORE §5.3.5'), title: optStr('CORE §5.3.5'), description: optStr('CORE §5.3.5') }, ['id']),
  },
};

/** LtiDeepLinkingRequest ([DL] §4.4: the settings claim; sub, roles and the other user claims are optional). */
export const deepLinkingRequestSchema: JsonSchema = {
  $id: 'urn:lti-conform:schema:id-token:deep-linking-request',
  type: 'object',
  'x-spec': 'DL §4.4',
  required: [...SEC_REQUIRED, CLAIM.deepLinkingSettings],
  properties: {
    ...commonProperties,
    [CLAIM.deepLinkingSettings]: object('DL §4.4.1', {
      deep_link_return_url: url('DL §4.4.1'),
      accept_types: strings('DL §4.4.1'),
      accept_presentation_document_targets: strings('DL §4.4.1'),
      // A comma-separated string in the spec; an array in the 1EdTech JSON binding and in Moodle.
      accept_media_types: opt({ anyOf: [str('DL §4.4.1'), strings('DL §4.4.1')] }),
      accept_multiple: flag('DL §4.4.1'),
      accept_lineitem: flag('DL §4.4.1'),
      auto_create: flag('DL §4.4.1'),
      title: optStr('DL §4.4.1'),
      text: optStr('DL §4.4.1'),
      data: optStr('DL §4.4.1'),
    }, ['deep_link_return_url', 'accept_types', 'accept_presentation_document_targets']),
  },
};
