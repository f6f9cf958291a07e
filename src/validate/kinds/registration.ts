import type { Check } from '../../core/check.js';
import { CONFIGURATION_CHECKS, REQUEST_CHECKS, RESPONSE_CHECKS } from '../../checks/registration/index.js';
import { DR, MEDIA_TYPE } from '../../lti/vocab.js';
import { isObject, jsonKind, judgePlanned, type Plan } from '../kind.js';
import type { Kind } from '../types.js';

// LTI Dynamic Registration documents: the platform's OpenID configuration, the tool's registration request and
// the platform's answer, judged by the checks of src/checks/registration. A shape without a kind in
// REGISTRATION_KINDS is still recognised, and reported as not validated by this version.

type Doc = Record<string, unknown>;

export const REGISTRATION_SHAPES = {
  'openid-configuration': {
    title: 'platform OpenID configuration (Dynamic Registration)',
    sender: 'platform',
    detect: (d: Doc) => typeof d.issuer === 'string' && ('authorization_endpoint' in d || 'registration_endpoint' in d || DR.platformConfiguration in d),
  },
  'registration-request': {
    title: 'client registration request (Dynamic Registration)',
    sender: 'tool',
    detect: (d: Doc) => !('client_id' in d) && (DR.toolConfiguration in d || ('redirect_uris' in d && 'initiate_login_uri' in d)),
  },
  'registration-response': {
    title: 'client registration response (Dynamic Registration)',
    sender: 'platform',
    detect: (d: Doc) => typeof d.client_id === 'string' && (DR.toolConfiguration in d || 'redirect_uris' in d),
  },
} as const satisfies Record<string, { title: string; sender: Kind['sender']; detect(d: Doc): boolean }>;

export type RegistrationKindId = keyof typeof REGISTRATION_SHAPES;

/** A registration document kind: its shape, the checks that judge it, and how the document becomes their input. */
export function registrationKind<In>(id: RegistrationKindId, checks: readonly Check<In>[], toInput: (doc: Doc) => In, plan?: Plan): Kind {
  const shape = REGISTRATION_SHAPES[id];
  return jsonKind({
    id,
    title: shape.title,
    sender: shape.sender,
    detect: (m) => isObject(m.value) && shape.detect(m.value),
    judge: (m, ctx) => judgePlanned(ctx, checks, toInput(isObject(m.value) ? m.value : {}), plan),
  });
}

const HTTP_ONLY = 'judges the HTTP exchange (status, headers), not the document';
const NEEDS_OFFER = "needs the platform's OpenID configuration the request answers; not part of the document";

/** Registration kinds whose checks exist; each is one `registrationKind(...)` line. */
export const REGISTRATION_KINDS: readonly Kind[] = [
  registrationKind('openid-configuration', CONFIGURATION_CHECKS, (json) => ({ status: 200, json }), { cannot: { 'registration.configuration.document': HTTP_ONLY } }),
  registrationKind('registration-request', REQUEST_CHECKS, (metadata) => ({ request: { contentType: MEDIA_TYPE.json, metadata }, token: '', offer: { scopes: [], messages: [] } }), {
    cannot: { 'registration.request.bearer-token': HTTP_ONLY, 'registration.request.json': HTTP_ONLY, 'registration.request.scopes-offered': NEEDS_OFFER, 'registration.request.messages-offered': NEEDS_OFFER },
  }),
  registrationKind('registration-response', RESPONSE_CHECKS, (json) => ({ status: 201, json }), { cannot: { 'registration.response.status': HTTP_ONLY } }),
];
