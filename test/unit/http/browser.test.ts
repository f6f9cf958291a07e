import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceRecorder } from '../../../src/core/evidence.js';
import { HarnessError } from '../../../src/core/errors.js';
import { Browser } from '../../../src/http/browser.js';
import { reply, startLoopback, type Loopback } from './loopback.js';

const HTML = { 'content-type': 'text/html; charset=utf-8' };
let server: Loopback;

beforeAll(async () => {
  server = await startLoopback((req, res) => {
    const path = req.path.split('?')[0];
    switch (path) {
      case '/start': return reply(res, 302, { location: '/step2', 'set-cookie': 'sid=abc123; Path=/; HttpOnly' });
      case '/step2': return reply(res, 302, { location: `${server.base}/landing?from=step2` });
      case '/see-other': return reply(res, 303, { location: '/landing' });
      case '/found': return reply(res, 302, { location: '/landing' });
      case '/temporary': return reply(res, 307, { location: '/landing' });
      case '/permanent': return reply(res, 308, { location: '/landing' });
      case '/autopost':
        return reply(res, 200, HTML, '<html><body onload="document.forms[0].submit()"><form method="POST" action="/landing">'
          + '<input type="hidden" name="id_token" value="h.p.s"><input type="hidden" name="state" value="a b&amp;c"></form></body></html>');
      case '/autoget':
        return reply(res, 200, HTML, '<form action="/landing"><input type="hidden" name="q" value="1"></form><script>document.forms[0].submit()</script>');
      case '/meta': return reply(res, 200, HTML, '<meta http-equiv="refresh" content="0; url=/landing?via=meta">');
      case '/to-javascript': return reply(res, 302, { location: 'javascript:alert(1)' });
      case '/to-bad-url': return reply(res, 302, { location: 'http://[::1' });
      case '/form-to-data':
        return reply(res, 200, HTML, '<form method="post" action="data:text/html,hi"></form><script>document.forms[0].submit()</script>');
      case '/loop': return reply(res, 302, { location: '/loop' });
      case '/json':
        return reply(res, 200, { 'content-type': 'application/json' }, '{"html":"<form action=\\"/landing\\"></form><script>document.forms[0].submit()</script>"}');
      case '/plain-form': return reply(res, 200, HTML, '<form action="/landing"><input name="q"></form>');
      case '/error-page': return reply(res, 500, HTML, '<body onload="document.forms[0].submit()"><form action="/landing"></form></body>');
      case '/landing': return reply(res, 200, HTML, `<p>landed ${req.method} body=${req.body}</p>`);
      default: return reply(res, 404, HTML, 'not found');
    }
  });
});

afterAll(() => server.close());

function browser(maxHops?: number): { b: Browser; evidence: EvidenceRecorder } {
  const evidence = new EvidenceRecorder();
  return { b: new Browser({ evidence, timeoutMs: 2000, ...(maxHops ? { maxHops } : {}) }), evidence };
}

const hopsOf = (nav: Awaited<ReturnType<Browser['navigate']>>) => nav.hops.map((h) => `${h.method} ${h.url.replace(server.base, '')} -> ${h.status}`);

describe('Browser.navigate', () => {
  it('follows a 302 chain, keeping the cookie it was given', async () => {
    const { b } = browser();
    const nav = await b.navigate({ method: 'GET', url: `${server.base}/start` });
    expect(hopsOf(nav)).toEqual(['GET /start -> 302', 'GET /step2 -> 302', 'GET /landing?from=step2 -> 200']);
    expect(nav.final).toMatchObject({ status: 200, url: `${server.base}/landing?from=step2` });
    const [first, second, third] = server.seen.slice(-3);
    expect(first?.headers.cookie).toBeUndefined();
    expect(second?.headers.cookie).toBe('sid=abc123');
    expect(third?.headers.cookie).toBe('sid=abc123');
    // As in a browser, a redirect keeps the navigation's referrer (none: it was typed, not clicked).
    expect(third?.headers.referer).toBeUndefined();
    expect(await b.jar.getCookieString(`${server.base}/`)).toBe('sid=abc123');
  });

  it.each([
    ['303', '/see-other', 'GET', ''],
    ['302', '/found', 'GET', ''],
    ['307', '/temporary', 'POST', 'a=1&b=2'],
    ['308', '/permanent', 'POST', 'a=1&b=2'],
  ])('a %s after POST continues with %s', async (_code, path, method, body) => {
    const { b } = browser();
    const nav = await b.navigate({ method: 'POST', url: `${server.base}${path}`, form: [['a', '1'], ['b', '2']] });
    expect(nav.hops.map((h) => h.method)).toEqual(['POST', method]);
    expect(nav.final.body).toBe(`<p>landed ${method} body=${body}</p>`);
    const landing = server.seen[server.seen.length - 1];
    if (method === 'POST') expect(landing?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('the first POST sends the form urlencoded with an Origin', async () => {
    const { b } = browser();
    await b.navigate({ method: 'POST', url: `${server.base}/landing`, form: [['iss', 'https://lms.example'], ['login_hint', 'a b']] });
    const seen = server.seen[server.seen.length - 1];
    expect(seen?.body).toBe('iss=https%3A%2F%2Flms.example&login_hint=a+b');
    expect(seen?.headers.origin).toBe(server.base);
  });

  it('auto-submits an onload form as a POST with its fields', async () => {
    const { b } = browser();
    const nav = await b.navigate({ method: 'GET', url: `${server.base}/autopost` });
    expect(hopsOf(nav)).toEqual(['GET /autopost -> 200', 'POST /landing -> 200']);
    expect(nav.final.body).toBe('<p>landed POST body=id_token=h.p.s&state=a+b%26c</p>');
    expect(server.seen[server.seen.length - 1]?.headers.referer).toBe(`${server.base}/autopost`);
  });

  it('auto-submits a GET form by putting its fields in the query', async () => {
    const { b } = browser();
    const nav = await b.navigate({ method: 'GET', url: `${server.base}/autoget` });
    expect(hopsOf(nav)).toEqual(['GET /autoget -> 200', 'GET /landing?q=1 -> 200']);
  });

  it('follows a meta refresh', async () => {
    const { b } = browser();
    const nav = await b.navigate({ method: 'GET', url: `${server.base}/meta` });
    expect(hopsOf(nav)).toEqual(['GET /meta -> 200', 'GET /landing?via=meta -> 200']);
  });

  it('a redirect loop is ERR_REDIRECT_LOOP after maxHops, each hop still recorded', async () => {
    const { b, evidence } = browser(5);
    const err = await b.navigate({ method: 'GET', url: `${server.base}/loop` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HarnessError);
    expect((err as HarnessError).code).toBe('ERR_REDIRECT_LOOP');
    expect((err as HarnessError).message).toBe(`more than 5 redirects or auto-submitted forms starting at ${server.base}/loop`);
    expect(evidence.snapshot().exchanges).toHaveLength(5);
  });

  it.each([
    ['a redirect to a javascript: URL', '/to-javascript', 'the 302 redirect at URL/to-javascript points at a javascript: URL, not http(s): javascript:alert(1)'],
    ['a redirect to an unparsable URL', '/to-bad-url', 'the 302 redirect at URL/to-bad-url points at an invalid URL: http://[::1'],
    ['an auto-submitted form posting to a data: URL', '/form-to-data', 'the auto-submitted form at URL/form-to-data points at a data: URL, not http(s): data:text/html,hi'],
  ])('%s is ERR_UNEXPECTED_RESPONSE', async (_name, path, message) => {
    const { b, evidence } = browser();
    const err = await b.navigate({ method: 'GET', url: `${server.base}${path}` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HarnessError);
    expect((err as HarnessError).code).toBe('ERR_UNEXPECTED_RESPONSE');
    expect((err as HarnessError).message).toBe(message.replace('URL', server.base));
    expect(evidence.snapshot().exchanges).toHaveLength(1);
  });

  it.each([
    ['a non-HTML 200, even with a form in it', '/json', 200],
    ['an HTML page whose form nobody submits', '/plain-form', 200],
    ['an error status, even with an auto-submit form', '/error-page', 500],
    ['a 404', '/nowhere', 404],
  ])('stops at %s', async (_name, path, status) => {
    const { b } = browser();
    const nav = await b.navigate({ method: 'GET', url: `${server.base}${path}` });
    expect(hopsOf(nav)).toEqual([`GET ${path} -> ${status}`]);
    expect(nav.final.url).toBe(`${server.base}${path}`);
  });

  it('records every hop in the EvidenceRecorder, with ids matching the hops and cookies redacted', async () => {
    const { b, evidence } = browser();
    const nav = await b.navigate({ method: 'GET', url: `${server.base}/start` });
    const exchanges = evidence.snapshot().exchanges;
    expect(exchanges.map((x) => x.id)).toEqual(nav.hops.map((h) => h.exchangeId));
    expect(exchanges.map((x) => [x.direction, x.method, x.url, x.status])).toEqual([
      ['outbound', 'GET', `${server.base}/start`, 302],
      ['outbound', 'GET', `${server.base}/step2`, 302],
      ['outbound', 'GET', `${server.base}/landing?from=step2`, 200],
    ]);
    expect(exchanges[0]?.responseHeaders?.['set-cookie']).toBe('<redacted>');
    expect(exchanges[1]?.requestHeaders?.cookie).toBe('<redacted>');
    expect(JSON.stringify(exchanges)).not.toContain('abc123');
  });

  it('records a failed hop with its error before rethrowing', async () => {
    const { b, evidence } = browser();
    const err = await b.navigate({ method: 'GET', url: 'http://lti-conform-no-such-host.invalid/x' }).catch((e: unknown) => e);
    expect((err as HarnessError).code).toBe('ERR_TARGET_UNREACHABLE');
    expect(evidence.snapshot().exchanges).toEqual([expect.objectContaining({ method: 'GET', error: expect.stringMatching(/DNS/) })]);
  });
});
