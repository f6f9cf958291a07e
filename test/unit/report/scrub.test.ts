import { describe, expect, it } from 'vitest';
import { scrubText, scrubValue, stripControl } from '../../../src/report/scrub.js';
import { PRIVATE_D, RAW_JWT, SIGNATURE } from './fixture.js';

describe('scrub', () => {
  const jwk = { kty: 'RSA', kid: 'k1', n: 'nnn', e: 'AQAB', d: PRIVATE_D, p: PRIVATE_D, q: PRIVATE_D, dp: PRIVATE_D, dq: PRIVATE_D, qi: PRIVATE_D };

  it('drops private members of JWK-shaped objects, deeply', () => {
    expect(scrubValue({ keys: [jwk], other: { d: 'not a key' } })).toEqual({ keys: [{ kty: 'RSA', kid: 'k1', n: 'nnn', e: 'AQAB' }], other: { d: 'not a key' } });
    expect(scrubValue({ kty: 'oct', k: PRIVATE_D })).toEqual({ kty: 'oct' });
  });

  it('redacts JWT signatures in nested strings', () => {
    expect(JSON.stringify(scrubValue({ a: [RAW_JWT] }))).not.toContain(SIGNATURE);
  });

  it('makes values JSON-safe', () => {
    const cyclic: Record<string, unknown> = { n: 1n, f: () => 1, u: undefined, inf: Infinity, when: new Date(0) };
    cyclic.self = cyclic;
    expect(scrubValue(cyclic)).toEqual({ n: '1', inf: 'Infinity', when: '1970-01-01T00:00:00.000Z', self: '[Circular]' });
    expect(scrubValue(undefined)).toBeUndefined();
  });

  it('scrubs private members in JSON text and in clipped text', () => {
    const json = JSON.stringify({ keys: [jwk] }, null, 2);
    expect(JSON.parse(scrubText(json))).toEqual({ keys: [{ kty: 'RSA', kid: 'k1', n: 'nnn', e: 'AQAB' }] });
    const clipped = `${JSON.stringify({ keys: [jwk] }).slice(0, 120)}… (999 chars)`;
    expect(clipped).toMatch(/"p":"PRIVATEdValue[^"]*…/); // the clip ends inside a private value
    expect(scrubText(clipped)).not.toContain('PRIVATEdValue');
    expect(scrubText(clipped)).not.toMatch(/"d"\s*:/);
    expect(scrubText(`token=${RAW_JWT}`)).not.toContain(SIGNATURE);
  });

  it('leaves ordinary text alone', () => {
    expect(scrubText('{"d":"short"} plain')).toBe('{"d":"short"} plain');
  });

  it('stripControl keeps tabs and newlines only', () => {
    expect(stripControl('a\u001b[2Kb\u0000c\td\r\ne\ud800')).toBe('abc\td\ne');
  });
});
