import type { ErrorObject, ValidateFunction } from 'ajv';
import { messageAjv } from './ajv.js';
import type { JsonSchema } from './common.js';
import { anyItemSchema, CONTENT_ITEM_SCHEMAS, isKnownItemType } from './content-items.js';
import { deepLinkingRequestSchema, resourceLinkRequestSchema } from './id-token.js';
import { lineItemSchema } from './line-item.js';
import {
  openidConfigurationSchema, platformConfigurationSchema, registeredToolConfigurationSchema, registrationRequestSchema, registrationResponseSchema, toolConfigurationSchema,
} from './registration.js';
import { scoreSchema } from './score.js';

export { isKnownItemType } from './content-items.js';
export type { JsonSchema } from './common.js';

/** Every message schema by a short id (the `validate` CLI command and the checks use these). */
export const SCHEMAS = {
  score: scoreSchema,
  'line-item': lineItemSchema,
  'content-item': anyItemSchema,
  'content-item:link': CONTENT_ITEM_SCHEMAS.link,
  'content-item:ltiResourceLink': CONTENT_ITEM_SCHEMAS.ltiResourceLink,
  'content-item:file': CONTENT_ITEM_SCHEMAS.file,
  'content-item:html': CONTENT_ITEM_SCHEMAS.html,
  'content-item:image': CONTENT_ITEM_SCHEMAS.image,
  'id-token:resource-link-request': resourceLinkRequestSchema,
  'id-token:deep-linking-request': deepLinkingRequestSchema,
  // Dynamic Registration documents: the OpenID/RFC 7591 members, and the members LTI adds (judged apart).
  'registration:openid-configuration': openidConfigurationSchema,
  'registration:openid-configuration:lti': platformConfigurationSchema,
  'registration:request': registrationRequestSchema,
  'registration:request:lti': toolConfigurationSchema,
  'registration:response': registrationResponseSchema,
  'registration:response:lti': registeredToolConfigurationSchema,
} as const satisfies Record<string, JsonSchema>;

export type SchemaId = keyof typeof SCHEMAS;

export type Validation = { ok: true } | { ok: false; errors: string[] };

const compiled = new Map<SchemaId, ValidateFunction>();

function validator(id: SchemaId): ValidateFunction {
  let v = compiled.get(id);
  if (!v) {
    v = messageAjv.compile(SCHEMAS[id]);
    compiled.set(id, v);
  }
  return v;
}

const annotation = (schema: unknown, key: string): string | undefined => {
  const value = schema && typeof schema === 'object' ? (schema as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
};

/** One ajv error as a line a person can act on: "/timestamp must be ... [AGS §3.4.9]". */
function describe(e: ErrorObject): string | undefined {
  // `if` only reports that `then` failed; the `then` errors themselves say what is wrong.
  if (e.keyword === 'if') return undefined;
  const params = e.params as Record<string, unknown>;
  let path = e.instancePath || '/';
  let text: string;
  let spec = annotation(e.parentSchema, 'x-spec');
  switch (e.keyword) {
    case 'required': {
      const name = String(params.missingProperty);
      path = `${e.instancePath}/${name}`;
      text = 'is required';
      const properties = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
      spec = annotation(properties?.[name], 'x-spec') ?? spec;
      break;
    }
    case 'pattern': {
      const format = annotation(e.parentSchema, 'x-format');
      text = format ? `must be ${format}` : `must match pattern ${String(params.pattern)}`;
      break;
    }
    case 'minLength':
      text = params.limit === 1 ? 'must not be empty' : `must have at least ${String(params.limit)} characters`;
      break;
    case 'enum':
      text = `must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
      break;
    case 'const':
      text = `must be ${JSON.stringify(params.allowedValue)}`;
      break;
    case 'type':
      text = `must be ${([] as unknown[]).concat(params.type).map(String).join(' or ')}`;
      break;
    case 'format':
      text = params.format === 'uri' ? 'must be a fully qualified URL' : `must be a ${String(params.format)}`;
      break;
    default:
      text = e.message ?? e.keyword;
  }
  return `${path} ${text}${spec ? ` [${spec}]` : ''}`;
}

function outcome(v: ValidateFunction, value: unknown): Validation {
  if (v(value)) return { ok: true };
  const errors = [...new Set((v.errors ?? []).map(describe).filter((x): x is string => x !== undefined))];
  return { ok: false, errors };
}

/** Validate a JSON value against one of our message schemas. Never throws for an invalid value. */
export function validate(schemaId: SchemaId, value: unknown): Validation {
  return outcome(validator(schemaId), value);
}

/**
 * Validate one deep-linking content item by its own type's schema. A type 1EdTech does not define is
 * accepted unvalidated ([DL] §3.7: other specifications and platforms extend the set).
 */
export function validateContentItem(value: unknown): Validation {
  const base = validate('content-item', value);
  if (!base.ok) return base;
  const type = (value as { type: unknown }).type;
  return isKnownItemType(type) ? validate(`content-item:${type}`, value) : { ok: true };
}
