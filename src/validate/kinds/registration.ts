import type { Check } from '../../core/check.js';
import { DR } from '../../lti/vocab.js';
import { isObject, jsonKind, judgePlanned, type Plan } from '../kind.js';
import type { Kind } from '../types.js';

// LTI Dynamic Registration documents. Their shapes are known here so they are recognised; a kind judges
// them once its checks are wired into REGISTRATION_KINDS below.

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

/** Registration kinds whose checks exist; each is one `registrationKind(...)` line. */
export const REGISTRATION_KINDS: readonly Kind[] = [];
