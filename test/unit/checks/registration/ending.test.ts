import { describe, expect, it } from 'vitest';
import { closeMessagePosted, mismatchNotRegistered, postsCloseMessage, stopsCleanly, type RegistrationPage } from '../../../../src/checks/registration/ending.js';

const CTX = { profile: 'certification' as const };
const page = (status: number, body: string): RegistrationPage => ({ status, url: 'https://tool.example/register', contentType: 'text/html', body });
const CLOSE = `<script>(window.opener || window.parent).postMessage({subject: 'org.imsglobal.lti.close'}, '*');</script>`;

describe('registration ending checks', () => {
  it('close.posted passes on a script posting the close subject', () => {
    expect(closeMessagePosted.run(page(200, `<p>done</p>${CLOSE}`), CTX)).toEqual({ ok: true });
  });

  it('close.posted fails when the subject only appears outside scripts, or there is no postMessage', () => {
    expect(closeMessagePosted.run(page(200, '<p>org.imsglobal.lti.close</p>'), CTX).ok).toBe(false);
    expect(postsCloseMessage(page(200, '<script>window.close(); // org.imsglobal.lti.close</script>'))).toBe(false);
  });

  it('issuer-mismatch.not-registered passes without a registration and fails with one', () => {
    const i = { configurationIssuer: 'http://localhost:9400', configurationUrl: 'http://127.0.0.1:9400/registration/foreign-issuer/openid-configuration' };
    expect(mismatchNotRegistered.run({ ...i, registrations: 0 }, CTX)).toEqual({ ok: true });
    expect(mismatchNotRegistered.run({ ...i, registrations: 1 }, CTX)).toMatchObject({ ok: false, actual: '1 registration request(s)' });
  });

  it('stop.clean passes on a 4xx error page, fails on a 5xx and on a page announcing completion', () => {
    expect(stopsCleanly.run(page(400, '<p>Registration failed</p>'), CTX)).toEqual({ ok: true });
    expect(stopsCleanly.run(page(500, 'internal error'), CTX)).toMatchObject({ ok: false, actual: 500 });
    expect(stopsCleanly.run(page(200, CLOSE), CTX)).toMatchObject({ ok: false, actual: 'a page posting the close message' });
  });

  it('stop.clean passes on an error page whose Close button posts the message when clicked', () => {
    const button = `<p>Registration failed</p><button id="c">Close</button><script>document.getElementById('c').addEventListener('click', () => (window.opener || window.parent).postMessage({subject: 'org.imsglobal.lti.close'}, '*'));</script>`;
    expect(stopsCleanly.run(page(200, button), CTX)).toEqual({ ok: true });
  });

  it('every ending check warns at most (unconfirmed rules)', () => {
    for (const c of [closeMessagePosted, mismatchNotRegistered, stopsCleanly]) expect(c.refs.every((r) => r.keyword !== 'MUST'), c.id).toBe(true);
  });
});
