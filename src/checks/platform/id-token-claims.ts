import { fail, pass } from '../../core/check.js';
import {
  CLAIM, CONTEXT_TYPE, LAUNCH_DOCUMENT_TARGETS, LEGACY_CONTEXT_TYPE_URN_PREFIX, NRPS_SERVICE_VERSION, SCOPE,
} from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import { shown } from '../client-assertion/jwt.js';
import { asciiIdProblem, isObject, parseUrl, tokenCheck, type Json } from './input.js';

// Optional claims of platform-originating messages ([CORE] §5.4, §6.1; [AGS] §3.1; [NRPS] §3.6.1).

/** Why a service endpoint is not a fully resolved absolute URL ([CORE] §6.1), or undefined. */
export function resolvedUrlProblem(name: string, v: unknown): string | undefined {
  if (typeof v !== 'string') return `${name} is not a string (${JSON.stringify(v)})`;
  if (/[{}]/.test(v)) return `${name} is a URL template, not a resolved URL: ${v}`;
  return parseUrl(v) ? undefined : `${name} is not an absolute URL: ${JSON.stringify(v)}`;
}

const contextTypeNames = Object.values(CONTEXT_TYPE).map((uri) => uri.slice(uri.indexOf('#') + 1));
const isVocabularyContextType = (t: string): boolean =>
  (Object.values(CONTEXT_TYPE) as string[]).includes(t) || contextTypeNames.includes(t) || contextTypeNames.some((n) => t === LEGACY_CONTEXT_TYPE_URN_PREFIX + n);

const objectClaim = (payload: Json, name: string): { absent: true } | { absent: false; value: unknown } =>
  payload[name] === undefined ? { absent: true } : { absent: false, value: payload[name] };

export const idTokenContextId = tokenCheck(
  'id-token.context.id-present',
  'a context claim has an id of at most 255 ASCII characters',
  [rule('LTI-CORE-020')],
  ({ payload }) => {
    const c = objectClaim(payload, CLAIM.context);
    if (c.absent) return pass('no context claim');
    if (!isObject(c.value)) return fail('the context claim is not a JSON object', 'an object with id', c.value);
    const problem = asciiIdProblem('context.id', c.value.id);
    return problem ? fail(problem, 'a non-empty string of at most 255 ASCII characters', c.value.id ?? null) : pass();
  },
);

export const idTokenContextType = tokenCheck(
  'id-token.context.type-vocabulary',
  'context.type, when present, is an array with at least one context type of the vocabulary',
  [rule('LTI-CORE-021')],
  ({ payload }) => {
    const context = payload[CLAIM.context];
    if (!isObject(context) || context.type === undefined) return pass('no context.type');
    const types = context.type;
    if (!Array.isArray(types) || !types.every((t) => typeof t === 'string')) return fail('context.type is not an array of strings', Object.values(CONTEXT_TYPE), types);
    if (!types.some(isVocabularyContextType)) return fail('context.type has no type of the context type vocabulary (App. A.1)', Object.values(CONTEXT_TYPE), types);
    return types.some((t) => (Object.values(CONTEXT_TYPE) as string[]).includes(t)) ? pass() : pass('context.type uses a deprecated simple name or URN only');
  },
);

export const idTokenToolPlatformGuid = tokenCheck(
  'id-token.tool-platform.guid-present',
  'a tool_platform claim has a guid of at most 255 ASCII characters',
  [rule('LTI-CORE-022')],
  ({ payload }) => {
    const c = objectClaim(payload, CLAIM.toolPlatform);
    if (c.absent) return pass('no tool_platform claim');
    if (!isObject(c.value)) return fail('the tool_platform claim is not a JSON object', 'an object with guid', c.value);
    const problem = asciiIdProblem('tool_platform.guid', c.value.guid);
    return problem ? fail(problem, 'a non-empty string of at most 255 ASCII characters', c.value.guid ?? null) : pass();
  },
);

export const idTokenDocumentTarget = tokenCheck(
  'id-token.launch-presentation.document-target',
  'launch_presentation.document_target, when present, is frame, iframe or window',
  [rule('LTI-CORE-024')],
  ({ payload }) => {
    const lp = payload[CLAIM.launchPresentation];
    if (!isObject(lp) || lp.document_target === undefined) return pass();
    const t = lp.document_target;
    return typeof t === 'string' && (LAUNCH_DOCUMENT_TARGETS as readonly string[]).includes(t) ? pass() : fail(`document_target is ${shown(t)}`, [...LAUNCH_DOCUMENT_TARGETS], t);
  },
);

export const idTokenCustomStrings = tokenCheck(
  'id-token.custom.string-values',
  'every custom value is a string',
  [rule('LTI-CORE-026')],
  ({ payload }) => {
    const c = objectClaim(payload, CLAIM.custom);
    if (c.absent) return pass();
    if (!isObject(c.value)) return fail('the custom claim is not a JSON object', 'an object of string values', c.value);
    const bad = Object.entries(c.value).filter(([, v]) => typeof v !== 'string');
    return bad.length === 0 ? pass() : fail(`custom value(s) that are not strings: ${bad.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}`, 'strings ("" allowed, null not)', Object.fromEntries(bad));
  },
);

export const idTokenAgsClaim = tokenCheck(
  'id-token.ags.shape',
  'the AGS claim, when present, has a scope array and resolved lineitems/lineitem URLs',
  [rule('LTI-AGS-001'), rule('LTI-AGS-002'), rule('LTI-CORE-028')],
  ({ payload }) => {
    const c = objectClaim(payload, CLAIM.ags);
    if (c.absent) return pass('no AGS claim');
    if (!isObject(c.value)) return fail('the AGS claim is not a JSON object', 'an object with scope, lineitems and/or lineitem', c.value);
    const { scope, lineitems, lineitem } = c.value;
    const problems: string[] = [];
    if (scope !== undefined && !(Array.isArray(scope) && scope.every((s) => typeof s === 'string'))) problems.push('scope is not an array of strings');
    // lineitem "must be either blank or not included" when no single line item is bound (AGS §3.1).
    for (const [name, v] of [['lineitems', lineitems], ['lineitem', lineitem]] as const) {
      const problem = v === undefined || v === '' ? undefined : resolvedUrlProblem(name, v);
      if (problem) problems.push(problem);
    }
    if (problems.length > 0) return fail(problems.join('; '), 'scope: array of AGS scopes; lineitems, lineitem: fully resolved URLs', c.value);
    const notes: string[] = [];
    if (scope === undefined) notes.push('no scope array');
    const unknown = Array.isArray(scope) ? scope.filter((s) => !(Object.values(SCOPE) as unknown[]).includes(s)) : [];
    if (unknown.length > 0) notes.push(`scope(s) not defined by AGS: ${unknown.join(', ')}`);
    return notes.length > 0 ? pass(notes.join('; ')) : pass();
  },
);

export const idTokenNrpsUrl = tokenCheck(
  'id-token.nrps.memberships-url',
  'the NRPS claim, when present, has a resolved context_memberships_url',
  [rule('LTI-CORE-028')],
  ({ payload }) => {
    const c = objectClaim(payload, CLAIM.nrps);
    if (c.absent) return pass('no NRPS claim');
    if (!isObject(c.value)) return fail('the NRPS claim is not a JSON object', 'an object with context_memberships_url', c.value);
    const url = c.value.context_memberships_url;
    const problem = url === undefined ? 'context_memberships_url is missing' : resolvedUrlProblem('context_memberships_url', url);
    return problem ? fail(problem, 'a fully resolved URL', url ?? null) : pass();
  },
);

export const idTokenNrpsVersions = tokenCheck(
  'id-token.nrps.service-versions',
  `the NRPS claim lists service_versions including ${NRPS_SERVICE_VERSION}`,
  [rule('PLT-NRPS-VERSIONS')],
  ({ payload }) => {
    const c = payload[CLAIM.nrps];
    if (!isObject(c)) return pass('no NRPS claim object');
    const v = c.service_versions;
    if (Array.isArray(v) && v.includes(NRPS_SERVICE_VERSION)) return pass();
    return fail(v === undefined ? 'service_versions is missing' : `service_versions ${JSON.stringify(v)} does not include ${NRPS_SERVICE_VERSION}`, [NRPS_SERVICE_VERSION], v ?? null);
  },
);

export const ID_TOKEN_CLAIM_CHECKS = [
  idTokenContextId, idTokenContextType, idTokenToolPlatformGuid, idTokenDocumentTarget, idTokenCustomStrings, idTokenAgsClaim,
  idTokenNrpsUrl, idTokenNrpsVersions,
] as const;
