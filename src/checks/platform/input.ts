import { fail, type Check, type Verdict } from '../../core/check.js';
import { CLAIM } from '../../lti/vocab.js';
import type { SpecRef } from '../../spec/specs.js';

// What the platform under test sent us (we play the tool), and what it had to match.

/** The id_token the platform posted to our redirect_uri, decoded and verified against the platform JWKS. */
export interface PlatformIdToken {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signatureValid: boolean;
  /** The header kid names a key of the platform JWKS. */
  kidFound: boolean;
  verifyError?: string;
}

export interface PlatformIdTokenInput {
  /** Absent when no id_token arrived (the scenario judges arrival first). */
  token?: PlatformIdToken;
  expected: {
    issuer: string;
    clientId: string;
    deploymentId: string;
    /** The nonce of our authentication request. */
    nonce?: string;
    /** The state of our authentication request, and the state form field the platform posted back. */
    stateSent?: string;
    stateReturned?: string;
    /** The login initiation parameters that started this flow. */
    initiation?: Record<string, string>;
    /** MESSAGE_TYPE.resourceLink or MESSAGE_TYPE.deepLinkingRequest. */
    messageType: string;
  };
  /** Seconds since the epoch. */
  now: number;
}

export const NO_TOKEN = 'no id_token arrived';

/** A check on the received id_token; without one it fails (the arrival check says why). */
export function tokenCheck(
  id: string,
  title: string,
  refs: readonly [SpecRef, ...SpecRef[]],
  judge: (token: PlatformIdToken, input: PlatformIdTokenInput) => Verdict,
): Check<PlatformIdTokenInput> {
  return {
    id,
    title,
    refs,
    run: (input) => (input.token ? judge(input.token, input) : fail(NO_TOKEN, 'an id_token posted to our redirect_uri', null)),
  };
}

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** At most `max` characters, all ASCII ([SEC] §5.1.2, [CORE] §5.3.3: "MUST NOT exceed 255 ASCII characters"). */
export function asciiIdProblem(name: string, v: unknown, max = 255): string | undefined {
  if (v === undefined) return `${name} is missing`;
  if (typeof v !== 'string') return `${name} is not a string (${JSON.stringify(v)})`;
  if (v.length === 0) return `${name} is empty`;
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7F]*$/.test(v)) return `${name} has non-ASCII characters`;
  if (v.length > max) return `${name} has ${v.length} characters (at most ${max})`;
  return undefined;
}

/** True for hosts a local test platform runs on: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export function parseUrl(v: string): URL | undefined {
  try {
    return new URL(v);
  } catch {
    return undefined;
  }
}

/** Every string value of a JSON value with its path (`a.b[0]`), for whole-payload rules. */
export function stringLeaves(v: unknown, path: string, out: { path: string; value: string }[] = []): { path: string; value: string }[] {
  if (typeof v === 'string') out.push({ path, value: v });
  else if (Array.isArray(v)) v.forEach((x, i) => stringLeaves(x, `${path}[${i}]`, out));
  else if (isObject(v)) for (const [k, x] of Object.entries(v)) stringLeaves(x, path ? `${path}.${k}` : claimName(k), out);
  return out;
}

const SHORT_CLAIM = new Map<string, string>(Object.values(CLAIM).map((uri) => [uri, uri.slice(uri.lastIndexOf('/') + 1)]));

/** A claim name as people say it: the last segment of an LTI claim URI (`context`, `endpoint`), other names as they are. */
export const claimName = (key: string): string => SHORT_CLAIM.get(key) ?? key;
