import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLAIM } from '../../../src/lti/vocab.js';
import * as claims from '../../../src/mutators/claims.js';
import * as signature from '../../../src/mutators/signature.js';
import type { LaunchMessage, MutationContext, Mutator } from '../../../src/mutators/types.js';
import { resourceLinkClaims } from '../../../src/roles/platform/launch-claims.js';

const NOW = 1_750_000_000;
const CTX: MutationContext = { issuer: 'https://lms.example', clientId: 'tool-123', now: NOW };

function valid(extra: Record<string, unknown> = {}): LaunchMessage {
  const payload = resourceLinkClaims(
    { issuer: CTX.issuer, clientId: CTX.clientId, deploymentId: 'deploy-1', targetLinkUri: 'https://tool.example/lti/launch', nonce: 'nonce-1', now: NOW },
    { persona: 'instructor' },
  );
  return { header: { typ: 'JWT', kid: 'our-kid-1' }, payload: { ...payload, ...extra }, signing: 'rs256' };
}

interface Diff {
  set: Record<string, unknown>;
  removed: string[];
}

/** Top-level members that differ between two objects. */
function diff(before: Record<string, unknown>, after: Record<string, unknown>): Diff {
  const set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) if (!(k in before) || !isDeepStrictEqual(before[k], v)) set[k] = v;
  return { set, removed: Object.keys(before).filter((k) => !(k in after)) };
}

interface Change {
  payload?: Partial<Diff>;
  header?: Partial<Diff>;
  signing?: LaunchMessage['signing'];
}

const base = valid();
const TITLE = 'lti-conform test activity';
const removed = (...keys: string[]): Partial<Diff> => ({ removed: keys });
const set = (values: Record<string, unknown>): Partial<Diff> => ({ set: values });

const EXPECTED: [Mutator, Change][] = [
  [claims.wrongVersion, { payload: set({ [CLAIM.version]: '11.3' }) }],
  [claims.missingVersion, { payload: removed(CLAIM.version) }],
  [claims.missingMessageType, { payload: removed(CLAIM.messageType) }],
  [claims.unknownMessageType, { payload: set({ [CLAIM.messageType]: 'LtiFooRequest' }) }],
  [claims.missingCoreClaims, { payload: removed(CLAIM.messageType, CLAIM.version, CLAIM.roles) }],
  [claims.missingRoles, { payload: removed(CLAIM.roles) }],
  [claims.missingDeploymentId, { payload: removed(CLAIM.deploymentId) }],
  [claims.unknownDeploymentId, { payload: set({ [CLAIM.deploymentId]: 'lti-conform-unregistered-deployment' }) }],
  [claims.missingResourceLink, { payload: removed(CLAIM.resourceLink) }],
  [claims.emptyResourceLinkId, { payload: set({ [CLAIM.resourceLink]: { id: '', title: TITLE } }) }],
  [claims.emptySub, { payload: set({ sub: '' }) }],
  [claims.missingSub, { payload: removed('sub') }],
  [claims.missingExp, { payload: removed('exp') }],
  [claims.missingIat, { payload: removed('iat') }],
  [claims.missingNonce, { payload: removed('nonce') }],
  [claims.otherNonce, { payload: set({ nonce: 'lti-conform-not-your-nonce' }) }],
  [claims.wrongIssuer, { payload: set({ iss: 'https://other-platform.example' }) }],
  [claims.wrongAudience, { payload: set({ aud: 'lti-conform-other-client' }) }],
  [claims.untrustedAudience, { payload: set({ aud: [CTX.clientId, 'lti-conform-untrusted-audience'] }) }],
  [claims.expired, { payload: set({ iat: NOW - 900, exp: NOW - 600 }) }],
  [claims.bogusTimestamps, { payload: set({ iat: 11111, exp: 22222 }) }],
  [claims.futureNbf, { payload: set({ nbf: NOW + 600 }) }],
  [signature.unknownKid, { header: set({ kid: 'imstester_66067' }) }],
  [signature.foreignKey, { signing: 'foreign-key' }],
  [signature.algNone, { signing: 'none' }],
  [signature.hs256KeyConfusion, { signing: 'hs256-public-pem' }],
];

const full = (d: Partial<Diff> | undefined): Diff => ({ set: d?.set ?? {}, removed: d?.removed ?? [] });

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

describe('mutators change exactly what they say', () => {
  it.each(EXPECTED.map(([m, change]) => [m.id, m, change] as const))('%s', (_id, mutator, change) => {
    const input = deepFreeze(valid());
    const out = mutator.apply(input, CTX);
    expect(diff(input.payload, out.payload)).toEqual(full(change.payload));
    expect(diff(input.header, out.header)).toEqual(full(change.header));
    expect(out.signing).toBe(change.signing ?? 'rs256');
    expect(input).toEqual(base);
  });

  it('remove-kid drops kid and keeps the payload, signing and the other header members', () => {
    const input = deepFreeze(valid());
    const out = signature.removeKid.apply(input, CTX);
    expect(out.header).not.toHaveProperty('kid');
    expect(out.header.typ).toBe('JWT');
    expect(out.payload).toEqual(base.payload);
    expect(out.signing).toBe('rs256');
  });

  it('wrong-azp sets azp to another client and aud still names only the tool', () => {
    const out = claims.wrongAzp.apply(deepFreeze(valid()), CTX);
    const { set: changed, removed: gone } = diff(base.payload, out.payload);
    expect(out.payload.azp).toBe('lti-conform-other-client');
    expect([out.payload.aud].flat()).toEqual([CTX.clientId]);
    expect(Object.keys(changed).filter((k) => k !== 'aud').sort()).toEqual(['azp']);
    expect(gone).toEqual([]);
    expect([out.header, out.signing]).toEqual([base.header, base.signing]);
  });

  it('untrusted-audience removes an azp that was there', () => {
    const input = deepFreeze(valid({ azp: CTX.clientId }));
    const out = claims.untrustedAudience.apply(input, CTX);
    expect(diff(input.payload, out.payload)).toEqual({ set: { aud: [CTX.clientId, 'lti-conform-untrusted-audience'] }, removed: ['azp'] });
  });

  it('empty-resource-link-id changes only the id inside resource_link', () => {
    const out = claims.emptyResourceLinkId.apply(valid(), CTX);
    expect(out.payload[CLAIM.resourceLink]).toEqual({ ...(base.payload[CLAIM.resourceLink] as object), id: '' });
  });

  it('non-lti-payload replaces the payload and nothing else', () => {
    const out = claims.nonLtiPayload.apply(deepFreeze(valid()), CTX);
    expect(out).toEqual({ header: base.header, payload: { name: 'badltilaunch' }, signing: 'rs256' });
  });

  it('time mutators use the injected clock', () => {
    const later = { ...CTX, now: NOW + 1000 };
    expect(claims.expired.apply(valid(), later).payload).toMatchObject({ iat: NOW + 100, exp: NOW + 400 });
    expect(claims.futureNbf.apply(valid(), later).payload.nbf).toBe(NOW + 1600);
  });

  it('every exported mutator is covered, with a unique id and a description', () => {
    const all = [...Object.values(claims), ...Object.values(signature)] as Mutator[];
    const covered = new Set([...EXPECTED.map(([m]) => m), signature.removeKid, claims.wrongAzp, claims.nonLtiPayload]);
    expect(all.filter((m) => !covered.has(m)).map((m) => m.id)).toEqual([]);
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    for (const m of all) expect(m.describe.length).toBeGreaterThan(0);
  });
});
