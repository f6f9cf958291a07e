import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceRecorder } from '../../../src/core/evidence.js';
import { Browser } from '../../../src/http/browser.js';
import { refererFor, sameSite, siteOf } from '../../../src/http/site.js';
import { startLoopback, type Loopback } from './loopback.js';

describe('siteOf / sameSite', () => {
  it.each([
    ['https://a.example.com/x', 'https://b.example.com/y', true],
    ['https://lms.example.edu/', 'https://tool.example.com/', false],
    ['https://a.example.co.uk/', 'https://b.example.co.uk/', true],
    ['http://example.com/', 'https://example.com/', false],
    ['http://127.0.0.1:1000/', 'http://127.0.0.1:2000/', true],
    ['http://localhost:1/', 'http://127.0.0.1:1/', false],
  ])('%s vs %s -> same site %s', (a, b, same) => {
    expect(sameSite(a, b)).toBe(same);
  });

  it('names the registrable domain with its scheme', () => {
    expect(siteOf('https://x.y.example.co.uk:8443/p')).toBe('https://example.co.uk');
  });

  it('sends the full referrer within an origin and only the origin across origins', () => {
    expect(refererFor('https://lms.example/a?b=1', 'https://lms.example/c')).toBe('https://lms.example/a?b=1');
    expect(refererFor('https://lms.example/a?b=1', 'https://tool.example/c')).toBe('https://lms.example/');
    expect(refererFor('https://lms.example/a', 'http://tool.example/c')).toBeUndefined();
  });
});

describe('Browser cookies across sites (as a real browser sends them)', () => {
  let server: Loopback;
  beforeAll(async () => {
    server = await startLoopback((req, res) => {
      if (req.path === '/set') {
        res.setHeader('set-cookie', ['lax=1; Path=/; SameSite=Lax', 'strict=1; Path=/; SameSite=Strict', 'none=1; Path=/; SameSite=None; Secure']);
        res.end('ok');
      } else res.end('ok');
    });
  });
  afterAll(() => server.close());

  async function cookieSent(method: 'GET' | 'POST', initiator: string | undefined): Promise<string | undefined> {
    const b = new Browser({ evidence: new EvidenceRecorder(), timeoutMs: 5000 });
    await b.navigate({ method: 'GET', url: `${server.base}/set` });
    await b.navigate({ method, url: `${server.base}/echo`, ...(initiator ? { initiator } : {}) });
    const last = server.seen[server.seen.length - 1]!;
    return last.headers.cookie;
  }

  it('a cross-site POST (the platform auto-posting the id_token) carries only SameSite=None cookies', async () => {
    expect(await cookieSent('POST', 'https://lms.example/auth')).toBe('none=1');
  });

  it('a cross-site GET navigation carries Lax and None cookies, not Strict', async () => {
    expect((await cookieSent('GET', 'https://lms.example/launch'))?.split('; ').sort()).toEqual(['lax=1', 'none=1']);
  });

  it('a same-site request carries every cookie', async () => {
    expect((await cookieSent('POST', `${server.base}/page`))?.split('; ').sort()).toEqual(['lax=1', 'none=1', 'strict=1']);
  });
});
