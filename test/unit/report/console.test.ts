import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../../src/core/result.js';
import { createProgress, renderSummary, type ReporterName } from '../../../src/report/console.js';
import { emptyRun, errored, failed, passedWithWarning, sampleRun, skipped } from './fixture.js';
import { expectNoSecrets } from './helpers.js';

function capture(reporter: ReporterName, extra: { quiet?: boolean; live?: boolean; color?: boolean } = {}) {
  let out = '';
  const progress = createProgress({
    stream: { write: (s: string) => (out += s), isTTY: false },
    reporter,
    color: extra.color ?? false,
    quiet: extra.quiet ?? false,
    live: extra.live ?? false,
  });
  const all: ScenarioResult[] = [passedWithWarning, failed, errored, skipped];
  all.forEach((r, i) => {
    progress.start(r.id, r.title, i, all.length);
    progress.end(r, i, all.length);
  });
  return () => out;
}

describe('createProgress', () => {
  it('default: one line per scenario with mark, id, title and time', () => {
    const lines = capture('default')().trimEnd().split('\n');
    expect(lines).toEqual([
      '✓ tool.launch.accepts-valid Tool accepts a valid resource link launch (42ms)',
      '✗ tool.launch.rejects-expired-token Tool rejects an expired id_token (1234ms)',
      '! tool.login.accepts-post Tool accepts login initiation by POST (5000ms)',
      '- tool.deep-linking.returns-items Tool returns deep linking content items (0ms)',
    ]);
  });

  it('quiet: only scenarios that did not pass', () => {
    const out = capture('default', { quiet: true })();
    expect(out.trimEnd().split('\n').map((l) => l[0])).toEqual(['✗', '!']);
  });

  it('dot: one character per scenario and a final newline', () => {
    expect(capture('dot')()).toBe('.FEs\n');
  });

  it('none: prints nothing', () => {
    expect(capture('none')()).toBe('');
  });

  it('verbose: lists checks under the scenario', () => {
    const out = capture('verbose')();
    expect(out).toContain('    ✓ launch.accepted');
    expect(out).toContain('    ! id-token.azp.matches');
    expect(out).toContain('LTI-CORE-007 (MUST) SEC §5.1.3 (7)');
    expect(out).toContain('ERR_TIMEOUT');
    expect(out).toContain('target.deepLinkingUrl is not configured');
    expectNoSecrets(out);
  });

  it('github: workflow commands for failures, errors and warnings, escaped', () => {
    const out = capture('github')();
    const cmds = out.split('\n').filter((l) => l.startsWith('::'));
    expect(cmds).toHaveLength(3);
    expect(cmds[0]).toMatch(/^::warning title=tool.launch.accepts-valid::id-token.azp.matches: azp differs$/);
    expect(cmds[1]).toMatch(/^::error title=tool.launch.rejects-expired-token::launch.rejected: The tool accepted/);
    expect(cmds[2]).toMatch(/^::error title=tool.login.accepts-post::ERR_TIMEOUT: No answer/);
    expect(out).not.toContain('\u001b');
    expectNoSecrets(out);
  });

  it('live: shows the running scenario and clears it', () => {
    const out = capture('default', { live: true })();
    expect(out).toContain('[1/4] tool.launch.accepts-valid');
    expect(out).toContain('\r\u001b[2K✓ tool.launch.accepts-valid');
  });

  it('colour only when asked', () => {
    expect(capture('default', { color: true })()).toContain('\u001b[');
    expect(capture('default', { color: false })()).not.toContain('\u001b[');
  });
});

describe('renderSummary', () => {
  const text = renderSummary(sampleRun(), { color: false, verbose: false });

  it('explains a failure: spec reference with URL, level, message, expected vs actual', () => {
    expect(text).toContain('✗ tool.launch.rejects-expired-token Tool rejects an expired id_token');
    expect(text).toContain('certification: Expired id_token is rejected');
    expect(text).toContain('LTI-CORE-007 (MUST) SEC §5.1.3 (7) https://www.imsglobal.org/spec/security/v1p0/#id-token-validation');
    expect(text).toContain('[fail]');
    expect(text).toContain('expected: {"status":">=400"}');
    expect(text).toMatch(/actual: +\{"status":200,"body":"Welcome!"/);
  });

  it('shows the HTTP chain with inbound requests marked', () => {
    expect(text).toContain('=> POST https://tool.example/lti/launch -> 200');
    expect(text).toContain('<= GET http://127.0.0.1:9400/.well-known/jwks.json -> 200');
    expect(text).toContain('=> GET https://tool.example/after -> failed: socket hang up');
  });

  it('shows decoded JWTs without signatures or private key members', () => {
    expect(text).toContain('JWT id_token (expired)');
    expect(text).toMatch(/header: \{\n\s+"alg": "RS256"/);
    expect(text).toContain('"exp": 1700000000');
    expect(text).toContain('<signature redacted>');
    expectNoSecrets(text);
  });

  it('shows harness errors with code and hint', () => {
    expect(text).toContain('! tool.login.accepts-post');
    expect(text).toContain('error ERR_TIMEOUT: No answer within 5000ms');
    expect(text).toContain('hint: Is the tool running? Raise --timeout.');
  });

  it('lists warnings of passed scenarios briefly, skipped ones only when verbose', () => {
    expect(text).toContain('tool.launch.accepts-valid: id-token.azp.matches azp differs');
    expect(text).not.toContain('tool.deep-linking.returns-items');
    const verbose = renderSummary(sampleRun(), { color: false, verbose: true });
    expect(verbose).toContain('tool.deep-linking.returns-items: target.deepLinkingUrl is not configured');
  });

  it('never passes terminal escapes from the target through', () => {
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u0001');
  });

  it('ends with the counts', () => {
    expect(text.split('\n').at(-1)).toBe('1 passed, 1 failed, 1 errored, 1 skipped, 1 warnings (profile certification, 6.3s)');
  });

  it('colours only when asked', () => {
    expect(renderSummary(sampleRun(), { color: true, verbose: false })).toContain('\u001b[');
  });

  it('an empty run is just the counts', () => {
    expect(renderSummary(emptyRun(), { color: false, verbose: true })).toBe('0 passed, 0 failed, 0 errored, 0 skipped, 0 warnings (profile certification, 0.0s)');
  });

  it('an interrupted run says its results are partial', () => {
    const lines = renderSummary(sampleRun({ interrupted: true, scenarios: [passedWithWarning] }), { color: false, verbose: false }).split('\n');
    expect(lines.at(-2)).toMatch(/^Interrupted/);
  });

  it('a strict run shows warned scenarios in full', () => {
    const strict = renderSummary(sampleRun({ strict: true, scenarios: [passedWithWarning] }), { color: false, verbose: false });
    expect(strict).toContain('✗ tool.launch.accepts-valid');
    expect(strict).toContain('LTI-CORE-005 (SHOULD)');
    expect(strict).toContain('Strict mode: 1 warning(s) fail this run.');
  });
});
