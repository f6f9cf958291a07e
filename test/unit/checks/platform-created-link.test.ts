import { describe, expect, it } from 'vitest';
import { createdLinkCustom, createdLinkTarget } from '../../../src/checks/platform/created-link.js';
import { CLAIM } from '../../../src/lti/vocab.js';

const CTX = { profile: 'certification' as const };
const item = { url: 'https://tool.example/launch?lti-conform-item=created', custom: { chapter: '1' } };
const payload = (target: string, custom: Record<string, unknown>) => ({ [CLAIM.targetLinkUri]: target, [CLAIM.custom]: custom });

describe('created link launch (NT-P-43)', () => {
  it('passes when the launch targets the item url and carries its custom values', () => {
    const p = payload(item.url, { chapter: '1', other: 'x' });
    expect(createdLinkTarget.run({ payload: p, item }, CTX)).toEqual({ ok: true });
    expect(createdLinkCustom.run({ payload: p, item }, CTX)).toEqual({ ok: true });
  });

  it('fails a launch to the tool\'s default URL and one without the custom values', () => {
    const p = payload('https://tool.example/launch', {});
    expect(createdLinkTarget.run({ payload: p, item }, CTX)).toEqual({ ok: false, message: 'target_link_uri is not the url of the ltiResourceLink item', expected: item.url, actual: 'https://tool.example/launch' });
    expect(createdLinkCustom.run({ payload: p, item }, CTX)).toEqual({ ok: false, message: 'the custom claim lacks the item\'s chapter', expected: { chapter: '1' }, actual: {} });
  });

  it('fails both without an id_token', () => {
    expect(createdLinkTarget.run({ item }, CTX).ok).toBe(false);
    expect(createdLinkCustom.run({ item }, CTX).ok).toBe(false);
  });
});
