import { fail, pass } from '../../core/check.js';
import {
  CLAIM, CONTEXT_ROLE_NAMESPACE, CONTEXT_SUBROLE_PREFIX, LEGACY_ROLE_URN_PREFIXES, ROLE, ROLE_NAMESPACES, SIMPLE_CONTEXT_ROLES,
} from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import { shown } from '../client-assertion/jwt.js';
import { tokenCheck } from './input.js';

// The roles claim ([CORE] §5.3.7, §5.4.3, App. A.2).

const isSimpleContextRole = (r: string): boolean => (SIMPLE_CONTEXT_ROLES as readonly string[]).includes(r);
const afterPrefix = (r: string, prefixes: readonly string[]): boolean => prefixes.some((p) => r.startsWith(p) && r.length > p.length);

/**
 * A role of the LTI vocabularies: a URI of App. A.2 (deprecated person# form included), or one of the deprecated
 * forms the spec still recognises (context role simple names, LTI 1.1 URNs).
 */
export const isVocabularyRole = (r: string): boolean => afterPrefix(r, ROLE_NAMESPACES) || isSimpleContextRole(r) || afterPrefix(r, LEGACY_ROLE_URN_PREFIXES);

/** A simple name or LTI 1.1 URN where a full role URI is expected. */
const isDeprecatedForm = (r: string): boolean => !/^[a-z][a-z0-9+.-]*:/i.test(r) || afterPrefix(r, LEGACY_ROLE_URN_PREFIXES);

const rolesOf = (payload: Record<string, unknown>): string[] | undefined => {
  const v = payload[CLAIM.roles];
  return Array.isArray(v) && v.every((r) => typeof r === 'string') ? (v as string[]) : undefined;
};

export const idTokenRolesPresent = tokenCheck(
  'id-token.roles.present',
  'the roles claim is present and an array of strings (possibly empty)',
  [rule('LTI-RL-005')],
  ({ payload }) => {
    const v = payload[CLAIM.roles];
    if (rolesOf(payload)) return pass();
    return fail(v === undefined ? 'the roles claim is missing' : 'roles is not an array of strings', 'an array of role URIs (empty for no role information)', v ?? null);
  },
);

export const idTokenRolesVocabulary = tokenCheck(
  'id-token.roles.vocabulary',
  'a non-empty roles array contains at least one role of the LTI vocabularies',
  [rule('LTI-RL-006')],
  ({ payload }) => {
    const roles = rolesOf(payload);
    if (!roles) return pass('no roles array (id-token.roles.present judges that)');
    if (roles.length === 0) return pass('roles is empty: no role information');
    return roles.some(isVocabularyRole) ? pass() : fail('roles has no role of the LTI role vocabularies (App. A.2)', 'at least one role such as ' + ROLE.learner, roles);
  },
);

export const idTokenRolesFullUris = tokenCheck(
  'id-token.roles.full-uris',
  'roles are full URIs, not deprecated simple names or URNs',
  [rule('LTI-VOC-002')],
  ({ payload }) => {
    const deprecated = (rolesOf(payload) ?? []).filter(isDeprecatedForm);
    return deprecated.length === 0 ? pass() : fail(`role(s) in a deprecated form: ${deprecated.map((r) => shown(r)).join(', ')}`, 'full role URIs, e.g. ' + ROLE.instructor, deprecated);
  },
);

export const idTokenSubRolePrincipal = tokenCheck(
  'id-token.roles.sub-role-with-principal',
  'a context sub-role is sent with its principal role',
  [rule('LTI-VOC-001')],
  ({ payload }) => {
    const roles = rolesOf(payload) ?? [];
    const missing = new Set<string>();
    for (const r of roles) {
      if (!r.startsWith(CONTEXT_SUBROLE_PREFIX)) continue;
      const principal = r.slice(CONTEXT_SUBROLE_PREFIX.length).split('#')[0] ?? '';
      const uri = CONTEXT_ROLE_NAMESPACE + principal;
      if (principal && !roles.includes(uri) && !roles.includes(principal)) missing.add(uri);
    }
    return missing.size === 0 ? pass() : fail(`sub-role(s) sent without their principal role: ${[...missing].join(', ')} missing`, [...missing], roles);
  },
);

export const idTokenMentorScope = tokenCheck(
  'id-token.role-scope-mentor.only-with-mentor',
  'role_scope_mentor is sent only with the Mentor role',
  [rule('LTI-CORE-023')],
  ({ payload }) => {
    const scope = payload[CLAIM.roleScopeMentor];
    if (scope === undefined || (Array.isArray(scope) && scope.length === 0)) return pass();
    const roles = rolesOf(payload) ?? [];
    if (roles.includes(ROLE.mentor)) return pass();
    if (roles.includes('Mentor')) return pass('Mentor is given by its deprecated simple name');
    return fail('role_scope_mentor lists users but roles does not contain the Mentor role', ROLE.mentor, payload[CLAIM.roles] ?? null);
  },
);

/** Vocabulary rules that apply whenever roles are sent (presence is judged per message type). */
export const ID_TOKEN_ROLE_CHECKS = [idTokenRolesVocabulary, idTokenRolesFullUris, idTokenSubRolePrincipal, idTokenMentorScope] as const;
