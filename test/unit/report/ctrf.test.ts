import { validate, validateStrict } from 'ctrf';
import { describe, expect, it } from 'vitest';
import { ctrfJson, toCtrf } from '../../../src/report/ctrf.js';
import { emptyRun, passedWithWarning, sampleRun } from './fixture.js';
import { expectNoSecrets } from './helpers.js';

/** What a consumer reads back from disk. */
const roundTrip = (doc: unknown): unknown => JSON.parse(JSON.stringify(doc));

function expectStrictValid(doc: unknown): void {
  expect(validate(doc).errors).toEqual([]);
  expect(() => validateStrict(doc)).not.toThrow();
}

describe('toCtrf', () => {
  const doc = toCtrf(sampleRun());

  it('passes ctrf strict validation, as built and as read back', () => {
    expectStrictValid(doc);
    expectStrictValid(JSON.parse(ctrfJson(sampleRun())));
  });

  it('the validator is really strict (sanity check)', () => {
    expect(() => validateStrict({ ...roundTrip(doc) as object, bogus: 1 })).toThrow();
    const bad = roundTrip(doc) as { results: { tests: { status: string }[] } };
    bad.results.tests[0]!.status = 'error';
    expect(() => validateStrict(bad)).toThrow();
  });

  it('has the CTRF header and summary', () => {
    expect(doc.reportFormat).toBe('CTRF');
    expect(doc.specVersion).toBe('0.0.0');
    expect(doc.results.tool).toEqual({ name: 'lti-conform', version: '0.1.0' });
    const start = Date.parse('2025-01-02T03:04:05.678Z');
    expect(doc.results.summary).toEqual({ tests: 4, passed: 1, failed: 2, skipped: 1, pending: 0, other: 0, suites: 3, start, stop: start + 6276, duration: 6276 });
  });

  it('maps scenarios to tests: name, status, harness errors as failed/error', () => {
    const [pass, fail, err, skip] = doc.results.tests;
    expect(pass).toMatchObject({ name: 'tool.launch.accepts-valid Tool accepts a valid resource link launch', status: 'passed', duration: 42, suite: ['tool.launch'] });
    expect(pass?.rawStatus).toBeUndefined();
    expect(fail).toMatchObject({ status: 'failed', duration: 1234 });
    expect(fail?.message).toMatch(/^launch\.rejected: The tool accepted a launch/);
    expect(fail?.message).not.toContain('\n');
    expect(fail?.trace).toContain('LTI-CORE-007 (MUST) SEC §5.1.3 (7)');
    expect(fail?.trace).toContain('<= GET http://127.0.0.1:9400/.well-known/jwks.json -> 200');
    expect(err).toMatchObject({ status: 'failed', rawStatus: 'error' });
    expect(err?.message).toMatch(/^ERR_TIMEOUT: No answer within 5000ms/);
    expect(skip).toMatchObject({ status: 'skipped', message: 'target.deepLinkingUrl is not configured' });
  });

  it('keeps our detail under extra["lti-conform"]', () => {
    const ours = (doc.results.tests[1]?.extra as Record<string, Record<string, unknown>>)['lti-conform'];
    expect(ours).toMatchObject({
      scenarioId: 'tool.launch.rejects-expired-token',
      role: 'platform',
      certification: 'Expired id_token is rejected',
      checks: [
        {
          id: 'launch.rejected',
          status: 'failed',
          level: 'fail',
          expected: { status: '>=400' },
          actual: { status: 200 },
          refs: [{ spec: 'SEC', section: '§5.1.3 (7)', keyword: 'MUST', level: 'fail', rule: 'LTI-CORE-007', url: 'https://www.imsglobal.org/spec/security/v1p0/#id-token-validation' }],
        },
      ],
    });
    const evidence = ours?.evidence as { exchanges: unknown[]; jwts: { label: string }[] };
    expect(evidence.exchanges).toHaveLength(3);
    expect(evidence.jwts[0]?.label).toBe('id_token (expired)');
    const errorTest = (doc.results.tests[2]?.extra as Record<string, Record<string, unknown>>)['lti-conform'];
    expect(errorTest?.error).toMatchObject({ code: 'ERR_TIMEOUT', hint: 'Is the tool running? Raise --timeout.' });
  });

  it('records the run metadata', () => {
    expect(doc.results.extra?.['lti-conform']).toEqual({
      command: 'test tool', role: 'platform', profile: 'certification', target: 'https://tool.example', strict: false,
      interrupted: false, startedAt: '2025-01-02T03:04:05.678Z', errored: 1, warnings: 1, exitCode: 1,
    });
  });

  it('never carries a JWT signature or a private key member', () => {
    const text = ctrfJson(sampleRun());
    expect(text).toContain('<signature redacted>');
    expectNoSecrets(text);
  });

  it('an empty run is valid', () => {
    const empty = toCtrf(emptyRun());
    expectStrictValid(roundTrip(empty));
    expect(empty.results.tests).toEqual([]);
    expect(empty.results.summary.tests).toBe(0);
  });

  it('an interrupted run is valid and says so', () => {
    const doc = toCtrf(sampleRun({ interrupted: true }));
    expectStrictValid(roundTrip(doc));
    expect(doc.results.extra?.['lti-conform']).toMatchObject({ interrupted: true, exitCode: 130 });
  });

  it('a strict run reports warned scenarios as failed', () => {
    const doc = toCtrf(sampleRun({ strict: true, scenarios: [passedWithWarning] }));
    expectStrictValid(roundTrip(doc));
    expect(doc.results.tests[0]).toMatchObject({ status: 'failed', rawStatus: 'warned' });
    expect(doc.results.summary.failed).toBe(1);
  });

  it('stays valid with an unparseable start time and odd durations', () => {
    const doc = toCtrf(sampleRun({ startedAt: 'not a date', durationMs: Number.NaN, scenarios: [{ ...passedWithWarning, durationMs: 12.7 }] }));
    expectStrictValid(roundTrip(doc));
    expect(doc.results.tests[0]?.duration).toBe(13);
  });
});
