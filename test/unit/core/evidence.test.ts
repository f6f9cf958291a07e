import { describe, expect, it } from 'vitest';
import { EvidenceRecorder } from '../../../src/core/evidence.js';
import { redactHeaders, redactText } from '../../../src/core/redact.js';

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
const HEADER = b64({ alg: 'RS256', kid: 'k1', typ: 'JWT' });
const PAYLOAD = b64({ iss: 'https://lms.example', sub: 'u1', nonce: 'n' });
const SIGNATURE = 'c2lnbmF0dXJlLXRoYXQtbXVzdC1uZXZlci1sZWFr';
const JWT = `${HEADER}.${PAYLOAD}.${SIGNATURE}`;
const REDACTED_JWT = `${HEADER}.${PAYLOAD}.<signature redacted>`;

describe('redactText', () => {
  it.each([
    ['a bare JWT', JWT, REDACTED_JWT],
    ['a JWT in a form body', `id_token=${JWT}&state=abc`, `id_token=${REDACTED_JWT}&state=abc`],
    ['a JWT in a query string', `https://tool.example/launch?id_token=${JWT}`, `https://tool.example/launch?id_token=${REDACTED_JWT}`],
    ['a JWT in JSON', `{"jwt":"${JWT}"}`, `{"jwt":"${REDACTED_JWT}"}`],
    ['two JWTs', `${JWT} ${JWT}`, `${REDACTED_JWT} ${REDACTED_JWT}`],
    ['a bearer token', 'Authorization: Bearer abc.def-123_x=', 'Authorization: Bearer <redacted>'],
    ['an unsigned (alg none) JWT, which has nothing to hide', `${HEADER}.${PAYLOAD}.`, `${HEADER}.${PAYLOAD}.`],
    ['text without secrets', 'hello world', 'hello world'],
  ])('%s', (_name, text, expected) => {
    const out = redactText(text);
    expect(out).toBe(expected);
    expect(out).not.toContain(SIGNATURE);
  });

  it('redacts credentials by name: token response members and URL or form parameters', () => {
    expect(redactText('{"access_token": "abc123def456", "token_type": "bearer", "expires_in": 3600}')).toBe('{"access_token": "<redacted>", "token_type": "bearer", "expires_in": 3600}');
    expect(redactText('GET http://t/register?openid_configuration=http%3A%2F%2Fp&registration_token=s3cr3t-x -> 200'))
      .toBe('GET http://t/register?openid_configuration=http%3A%2F%2Fp&registration_token=<redacted> -> 200');
    expect(redactText('grant_type=client_credentials&client_secret=hush')).toBe('grant_type=client_credentials&client_secret=<redacted>');
    // a name inside another word is not a credential parameter
    expect(redactText('my_access_token=visible')).toBe('my_access_token=visible');
  });

  it('the header and payload stay decodable', () => {
    const [h, p] = redactText(JWT).split('.');
    expect(JSON.parse(Buffer.from(h!, 'base64url').toString())).toEqual({ alg: 'RS256', kid: 'k1', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(p!, 'base64url').toString())).toMatchObject({ iss: 'https://lms.example' });
  });
});

describe('redactHeaders', () => {
  it('is undefined for undefined', () => {
    expect(redactHeaders(undefined)).toBeUndefined();
  });

  it('keeps the Authorization scheme but not the credential; lower-cases names', () => {
    expect(redactHeaders({ Authorization: `Bearer ${JWT}` })).toEqual({ authorization: 'Bearer <redacted>' });
    expect(redactHeaders({ authorization: 'Basic dXNlcjpwYXNz' })).toEqual({ authorization: 'Basic <redacted>' });
    expect(redactHeaders({ 'Proxy-Authorization': 'Basic dXNlcjpwYXNz' })).toEqual({ 'proxy-authorization': 'Basic <redacted>' });
  });

  it('redacts cookies both ways', () => {
    expect(redactHeaders({ Cookie: 'session=s3cr3t', 'Set-Cookie': 'session=s3cr3t; HttpOnly' })).toEqual({ cookie: '<redacted>', 'set-cookie': '<redacted>' });
  });

  it('removes JWT signatures from other headers and keeps the rest', () => {
    expect(redactHeaders({ Location: `https://tool.example/?t=${JWT}`, 'Content-Type': 'text/html' })).toEqual({
      location: `https://tool.example/?t=${REDACTED_JWT}`, 'content-type': 'text/html',
    });
  });

  it('redacts a credential sent without a scheme (a raw JWT or API key) whole', () => {
    expect(redactHeaders({ Authorization: JWT })).toEqual({ authorization: '<redacted>' });
    expect(redactHeaders({ Authorization: 'Basic dXNlcjpwYXNz', Cookie: 'a=b' })).toEqual({ authorization: 'Basic <redacted>', cookie: '<redacted>' });
  });
});

describe('EvidenceRecorder', () => {
  it('gives exchanges sequential ids and redacts url, headers and bodies on the way in', () => {
    const ev = new EvidenceRecorder();
    const a = ev.record({
      direction: 'outbound', method: 'POST', url: `https://tool.example/launch?id_token=${JWT}`,
      requestHeaders: { Authorization: 'Bearer tok123456', Cookie: 'sid=1' }, requestBody: `id_token=${JWT}&state=s`,
      status: 200, responseHeaders: { 'Set-Cookie': 'sid=2' }, responseBody: `<p>${JWT}</p>`,
    });
    const b = ev.record({ direction: 'inbound', method: 'GET', url: 'http://127.0.0.1/jwks' });
    expect([a, b]).toEqual(['x1', 'x2']);
    const [x] = ev.snapshot().exchanges;
    expect(x).toMatchObject({
      id: 'x1', url: `https://tool.example/launch?id_token=${REDACTED_JWT}`,
      requestHeaders: { authorization: 'Bearer <redacted>', cookie: '<redacted>' }, requestBody: `id_token=${REDACTED_JWT}&state=s`,
      responseHeaders: { 'set-cookie': '<redacted>' }, responseBody: `<p>${REDACTED_JWT}</p>`,
    });
    expect(JSON.stringify(ev.snapshot())).not.toContain(SIGNATURE);
  });

  it('clips bodies over 4096 characters and says how long they were', () => {
    const ev = new EvidenceRecorder();
    ev.record({ direction: 'outbound', method: 'GET', url: 'http://127.0.0.1/', responseBody: 'a'.repeat(5000), requestBody: 'b'.repeat(4096) });
    const [x] = ev.snapshot().exchanges;
    expect(x?.responseBody).toBe(`${'a'.repeat(4096)}… (5000 chars)`);
    expect(x?.requestBody).toBe('b'.repeat(4096));
  });

  it('complete() fills in the answer of an inbound exchange, redacted and clipped', () => {
    const ev = new EvidenceRecorder();
    const id = ev.record({ direction: 'inbound', method: 'POST', url: 'http://127.0.0.1/token', requestBody: 'grant_type=x' });
    ev.complete(id, { status: 200, responseHeaders: { 'Set-Cookie': 'a=b', 'Content-Type': 'application/json' }, responseBody: `{"access_token":"${JWT}"}${' '.repeat(5000)}`, durationMs: 12 });
    const [x] = ev.snapshot().exchanges;
    expect(x).toMatchObject({ status: 200, responseHeaders: { 'set-cookie': '<redacted>', 'content-type': 'application/json' }, durationMs: 12 });
    expect(x?.responseBody?.startsWith(`{"access_token":"<redacted>"}`)).toBe(true);
    expect(x?.responseBody).toMatch(/… \(\d+ chars\)$/);
  });

  it('complete() with only a status leaves the rest alone; an unknown id is ignored', () => {
    const ev = new EvidenceRecorder();
    const id = ev.record({ direction: 'inbound', method: 'GET', url: 'http://127.0.0.1/a', responseBody: 'kept' });
    ev.complete(id, { status: 404 });
    ev.complete('x99', { status: 500 });
    expect(ev.snapshot().exchanges).toEqual([expect.objectContaining({ id: 'x1', status: 404, responseBody: 'kept' })]);
  });

  it('keeps decoded JWTs and snapshots are copies', () => {
    const ev = new EvidenceRecorder();
    ev.jwt('id_token', { alg: 'RS256' }, { sub: 'u' });
    const snap = ev.snapshot();
    ev.jwt('second', {}, {});
    expect(snap.jwts).toEqual([{ label: 'id_token', header: { alg: 'RS256' }, payload: { sub: 'u' } }]);
    expect(ev.snapshot().jwts).toHaveLength(2);
  });
});
