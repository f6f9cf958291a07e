import { fail, pass } from '../../core/check.js';
import { CLAIM, CONTENT_ITEM_TYPE, DOCUMENT_TARGET, MESSAGE_TYPE } from '../../lti/vocab.js';
import { validate, type SchemaId } from '../../schemas/index.js';
import { rule } from '../../spec/rules.js';
import { shown } from '../client-assertion/jwt.js';
import { idTokenRolesPresent } from './id-token-roles.js';
import { asciiIdProblem, claimName, isObject, parseUrl, tokenCheck } from './input.js';

// Rules of one message type: LtiResourceLinkRequest ([CORE] §5.3) and LtiDeepLinkingRequest ([DL] §4.4).

const SCHEMA_OF: Record<string, SchemaId> = {
  [MESSAGE_TYPE.resourceLink]: 'id-token:resource-link-request',
  [MESSAGE_TYPE.deepLinkingRequest]: 'id-token:deep-linking-request',
};

/** "/https:~1~1purl…~1claim~1context/id" reads better as "/context/id". */
function readable(error: string): string {
  let out = error;
  for (const uri of Object.values(CLAIM)) out = out.split(uri.replace(/~/g, '~0').replace(/\//g, '~1')).join(claimName(uri)).split(uri).join(claimName(uri));
  return out;
}

export const idTokenSchemaValid = tokenCheck(
  'id-token.claims.schema-valid',
  'the claims have the types the specs give (JSON Schema of the message type)',
  [rule('LTI-CORE-011'), rule('LTI-RL-002'), rule('LTI-DL-002')],
  ({ payload }, { expected }) => {
    const schema = SCHEMA_OF[expected.messageType];
    if (!schema) return pass(`no schema for message type ${expected.messageType}`);
    const v = validate(schema, payload);
    if (v.ok) return pass();
    const errors = v.errors.map(readable);
    return fail(`${errors.length} problem(s): ${errors.join('; ')}`, `claims valid per the ${expected.messageType} schema`, errors);
  },
);

export const idTokenResourceLinkId = tokenCheck(
  'id-token.resource-link.id-present',
  'resource_link.id is a non-empty string of at most 255 ASCII characters',
  [rule('LTI-RL-004')],
  ({ payload }) => {
    const rl = payload[CLAIM.resourceLink];
    if (!isObject(rl)) return fail(rl === undefined ? 'the resource_link claim is missing' : 'the resource_link claim is not a JSON object', 'an object with id', rl ?? null);
    const problem = asciiIdProblem('resource_link.id', rl.id);
    return problem ? fail(problem, 'a non-empty string of at most 255 ASCII characters', rl.id ?? null) : pass();
  },
);

export const idTokenTargetLinkUri = tokenCheck(
  'id-token.target-link-uri.matches-initiation',
  'the target_link_uri claim is the target_link_uri of the login initiation',
  [rule('LTI-RL-003')],
  ({ payload }, { expected }) => {
    const v = payload[CLAIM.targetLinkUri];
    const sent = expected.initiation?.target_link_uri;
    if (typeof v !== 'string' || v === '') return fail(v === undefined ? 'the target_link_uri claim is missing' : `target_link_uri is ${shown(v)}`, sent ?? 'the URL the launch is for', v ?? null);
    if (sent === undefined) return pass('no login initiation target_link_uri to compare with');
    return v === sent ? pass() : fail('the target_link_uri claim differs from the login initiation\'s target_link_uri', sent, v);
  },
);

export const dlTargetLinkUri = tokenCheck(
  'deep-linking-request.target-link-uri.matches-initiation',
  'a target_link_uri claim, when sent, is the target_link_uri of the login initiation',
  [rule('PLT-DL-TARGET')],
  ({ payload }, { expected }) => {
    const v = payload[CLAIM.targetLinkUri];
    const sent = expected.initiation?.target_link_uri;
    if (v === undefined) return pass('no target_link_uri claim (Deep Linking 2.0 does not require it)');
    if (sent === undefined) return pass('no login initiation target_link_uri to compare with');
    return v === sent ? pass() : fail('the target_link_uri claim differs from the login initiation\'s target_link_uri', sent, v);
  },
);

const stringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export const dlSettingsPresent = tokenCheck(
  'deep-linking-request.settings.present',
  'the deep_linking_settings claim has deep_link_return_url, accept_types and accept_presentation_document_targets',
  [rule('LTI-DL-002')],
  ({ payload }) => {
    const s = payload[CLAIM.deepLinkingSettings];
    const want = 'deep_link_return_url (URL), accept_types and accept_presentation_document_targets (arrays of strings)';
    if (!isObject(s)) return fail(s === undefined ? 'the deep_linking_settings claim is missing' : 'deep_linking_settings is not a JSON object', want, s ?? null);
    const problems: string[] = [];
    const ret = s.deep_link_return_url;
    if (ret === undefined) problems.push('deep_link_return_url is missing');
    else if (typeof ret !== 'string' || !parseUrl(ret)) problems.push(`deep_link_return_url is not an absolute URL (${JSON.stringify(ret)})`);
    for (const name of ['accept_types', 'accept_presentation_document_targets'] as const) {
      if (s[name] === undefined) problems.push(`${name} is missing`);
      else if (!stringArray(s[name])) problems.push(`${name} is not an array of strings`);
    }
    if (problems.length > 0) return fail(problems.join('; '), want, s);
    const empty = (['accept_types', 'accept_presentation_document_targets'] as const).filter((n) => (s[n] as string[]).length === 0);
    return empty.length > 0 ? pass(`empty: ${empty.join(', ')} (the tool can return nothing)`) : pass();
  },
);

export const dlSettingsValues = tokenCheck(
  'deep-linking-request.settings.known-values',
  'accept_types and accept_presentation_document_targets use the values Deep Linking defines',
  [rule('PLT-DL-VALUES')],
  ({ payload }) => {
    const s = payload[CLAIM.deepLinkingSettings];
    if (!isObject(s)) return pass('no settings object (deep-linking-request.settings.present judges that)');
    const types = stringArray(s.accept_types) ? s.accept_types : [];
    const targets = stringArray(s.accept_presentation_document_targets) ? s.accept_presentation_document_targets : [];
    const knownTypes: string[] = Object.values(CONTENT_ITEM_TYPE);
    const knownTargets: string[] = Object.values(DOCUMENT_TARGET);
    const badTypes = types.filter((t) => !knownTypes.includes(t) && !/^https?:\/\//.test(t));
    const badTargets = targets.filter((t) => !knownTargets.includes(t));
    if (badTypes.length === 0 && badTargets.length === 0) return pass();
    const parts = [
      ...(badTypes.length > 0 ? [`accept_types neither defined nor URL-named: ${badTypes.join(', ')}`] : []),
      ...(badTargets.length > 0 ? [`unknown accept_presentation_document_targets: ${badTargets.join(', ')}`] : []),
    ];
    return fail(parts.join('; '), { accept_types: knownTypes, accept_presentation_document_targets: knownTargets }, { accept_types: badTypes, accept_presentation_document_targets: badTargets });
  },
);

/** Rules only a resource link launch has. */
export const RESOURCE_LINK_CHECKS = [idTokenResourceLinkId, idTokenTargetLinkUri, idTokenRolesPresent] as const;

/** Rules only a deep-linking request has. */
export const DEEP_LINKING_REQUEST_CHECKS = [dlSettingsPresent, dlSettingsValues, dlTargetLinkUri] as const;
