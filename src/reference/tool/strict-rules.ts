// Positive-side flaws: rules a correct tool must NOT have. Each exists only while its flaw is on and
// makes one family of valid launches fail (too strict a tool).
import { CLAIM, ROLE_NAMESPACES } from '../../lti/vocab.js';
import type { ClaimInput, ClaimRule } from './rules.js';

// Registered JWT/OIDC claims (RFC 7519 §4.1, OIDC Core §2 and §5.1) plus every claim in our vocabulary.
const KNOWN_CLAIMS: ReadonlySet<string> = new Set([
  'iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'nonce', 'azp', 'auth_time', 'acr', 'amr', 'at_hash',
  'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture',
  'website', 'email', 'email_verified', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number',
  'phone_number_verified', 'address', 'updated_at',
  ...Object.values(CLAIM),
]);

const isUri = (role: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(role);
const isVocabularyRole = (role: string): boolean =>
  ROLE_NAMESPACES.some((ns) => role.startsWith(ns) && role.length > ns.length);

function roles(c: ClaimInput): string[] {
  const r = (c.payload as Record<string, unknown>)[CLAIM.roles];
  return Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string' && x !== '') : [];
}

export const STRICT_RULES: readonly ClaimRule[] = [
  {
    name: 'context-required', on: 'launch-requires-context', status: 400,
    check: (c) => (c.payload[CLAIM.context] === undefined ? 'context claim is required' : undefined),
  },
  {
    name: 'full-role-uris', on: 'launch-requires-full-role-uris', status: 400,
    check: (c) => (roles(c).some((r) => !isUri(r)) ? 'short role names are not accepted' : undefined),
  },
  {
    // Only URI roles count: short names and [""] belong to other scenarios and stay accepted.
    name: 'vocabulary-roles', on: 'launch-refuses-unknown-roles', status: 400,
    check: (c) => {
      const r = roles(c);
      return r.length > 0 && r.every((x) => isUri(x) && !isVocabularyRole(x)) ? 'no known role' : undefined;
    },
  },
  {
    name: 'name-required', on: 'launch-requires-name', status: 400,
    check: (c) =>
      c.payload.name === undefined && c.payload.given_name === undefined ? 'a name is required' : undefined,
  },
  {
    name: 'known-claims-only', on: 'launch-refuses-unknown-claims', status: 400,
    check: (c) => (Object.keys(c.payload).some((k) => !KNOWN_CLAIMS.has(k)) ? 'unknown claim' : undefined),
  },
  {
    name: 'string-aud', on: 'launch-requires-string-aud', status: 401,
    check: (c) => (Array.isArray(c.payload.aud) ? 'aud must be a string' : undefined),
  },
];
