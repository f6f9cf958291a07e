// The small additions platform testing made to shared code: browser first-request headers, command stdout.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runTrigger } from '../../../src/actions/triggers/index.js';
import { EvidenceRecorder } from '../../../src/core/evidence.js';
import { Browser } from '../../../src/http/browser.js';

const ctx = (captureStdout?: boolean) => ({
  name: 'launch', vars: {}, timeoutMs: 5000, signal: new AbortController().signal, evidence: new EvidenceRecorder(),
  announce: () => undefined, instructions: '', ...(captureStdout !== undefined ? { captureStdout } : {}),
});

describe('command trigger stdout', () => {
  it('is returned apart from stderr when asked for, and session lines are redacted in evidence', async () => {
    const c = ctx(true);
    const out = await runTrigger({ kind: 'command', command: 'echo https://lms.example/x; echo oops >&2; echo "Cookie: sid=topsecret"' }, c);
    expect(out).toEqual({ kind: 'done', detail: 'exit 0', stdout: 'https://lms.example/x\nCookie: sid=topsecret\n' });
    const body = c.evidence.snapshot().exchanges[0]?.responseBody ?? '';
    expect(body).toContain('oops');
    expect(body).toContain('Cookie: <redacted>');
    expect(body).not.toContain('topsecret');
  });

  it('is not returned unless asked for', async () => {
    expect(await runTrigger({ kind: 'command', command: 'echo hi' }, ctx())).toEqual({ kind: 'done', detail: 'exit 0' });
  });
});

describe('Browser first-request headers', () => {
  it('go on the first request only, not on redirects', async () => {
    const seen: Record<string, string | undefined>[] = [];
    const server = createServer((req, res) => {
      seen.push({ path: req.url, auth: req.headers['x-lms-auth'] as string | undefined });
      if (req.url === '/start') res.writeHead(302, { location: '/next' }).end();
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<p>done</p>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const evidence = new EvidenceRecorder();
      const nav = await new Browser({ evidence, timeoutMs: 5000 }).navigate({ method: 'GET', url: `${base}/start`, headers: { 'X-LMS-Auth': 'k1' } });
      expect(nav.hops.map((h) => h.status)).toEqual([302, 200]);
      expect(seen).toEqual([{ path: '/start', auth: 'k1' }, { path: '/next', auth: undefined }]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
