import { HarnessError } from '../core/errors.js';
import { CLAIM } from '../lti/vocab.js';
import { deepLinkingRequestKind, resourceLinkKind, submissionReviewKind } from './kinds/launch.js';
import { REGISTRATION_KINDS, REGISTRATION_SHAPES, type RegistrationKindId } from './kinds/registration.js';
import { lineItemContainerKind, lineItemKind, membershipContainerKind, resultContainerKind, scoreKind } from './kinds/services.js';
import { clientAssertionKind, deepLinkingResponseKind } from './kinds/tool-jwt.js';
import { isObject } from './kind.js';
import type { Kind, Message } from './types.js';

/**
 * Every message kind `validate` knows, in detection order (the first whose detect says yes wins; a JWT's
 * message_type decides first). To add a kind, add one entry here (or to REGISTRATION_KINDS).
 */
export const KINDS: readonly Kind[] = [
  resourceLinkKind,
  deepLinkingRequestKind,
  submissionReviewKind,
  deepLinkingResponseKind,
  clientAssertionKind,
  scoreKind,
  lineItemKind,
  lineItemContainerKind,
  resultContainerKind,
  membershipContainerKind,
  ...REGISTRATION_KINDS,
];

const usage = (message: string, hint?: string): HarnessError => new HarnessError('ERR_USAGE', message, hint);

const typeList = (form?: Message['form']): string => KINDS.filter((k) => !form || k.form === form).map((k) => k.id).join(', ');

/** Recognised registration shapes that no kind judges yet. */
const unwired = (id: string): boolean => id in REGISTRATION_SHAPES && !KINDS.some((k) => k.id === id);

function notAvailable(id: RegistrationKindId): HarnessError {
  return usage(`the input is a ${REGISTRATION_SHAPES[id].title}; this version cannot validate that kind yet`, `Kinds available: ${typeList()}.`);
}

/** The kind named by --type, checked against the message form. */
export function kindById(id: string, message: Message): Kind {
  const kind = KINDS.find((k) => k.id === id);
  if (!kind) {
    if (unwired(id)) throw notAvailable(id as RegistrationKindId);
    throw usage(`--type ${id}: no such kind`, `Kinds: ${typeList()}.`);
  }
  if (kind.form !== message.form) throw usage(`--type ${id} is a ${kind.form === 'jwt' ? 'JWT' : 'JSON document'}, but the input is ${message.form === 'jwt' ? 'a JWT' : 'JSON'}`, `Kinds for this input: ${typeList(message.form)}.`);
  return kind;
}

/** The kind the message looks like, or a usage error that says what to pass as --type. */
export function detectKind(message: Message): Kind {
  const kind = KINDS.find((k) => k.detect(message));
  if (kind) return kind;
  if (message.form === 'json' && isObject(message.value)) {
    const doc = message.value;
    const shape = (Object.keys(REGISTRATION_SHAPES) as RegistrationKindId[]).find((id) => REGISTRATION_SHAPES[id].detect(doc));
    if (shape) throw notAvailable(shape);
  }
  if (message.form === 'jwt') {
    const mt = message.payload[CLAIM.messageType];
    const what = mt === undefined ? 'a JWT without message_type that is not a client assertion (iss = sub, jti, aud)' : `a JWT with message_type ${JSON.stringify(mt)}`;
    throw usage(`cannot tell which message this is: ${what}`, `Pass --type <kind>, one of: ${typeList('jwt')}.`);
  }
  const empty = Array.isArray(message.value) && message.value.length === 0;
  throw usage(`cannot tell which message this JSON is${empty ? ' (an empty array could be any container)' : ''}`, `Pass --type <kind>, one of: ${typeList('json')}.`);
}
