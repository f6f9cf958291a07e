import { describe, expect, it } from 'vitest';
import { classnameFor, toJunit } from '../../../src/report/junit.js';
import { emptyRun, failed, NASTY, passedWithWarning, sampleRun } from './fixture.js';
import { expectNoSecrets, junitErrors } from './helpers.js';

describe('toJunit', () => {
  const xml = toJunit(sampleRun());

  it('is valid under junit-10.xsd', async () => {
    expect(await junitErrors(xml)).toEqual([]);
  });

  it('the schema check is not vacuous (sanity check)', async () => {
    expect(await junitErrors(xml.replace('<testcase ', '<testcase bogus="1" '))).not.toEqual([]);
    expect(await junitErrors(xml.replace(/(<testsuite name="[^"]*") tests="\d+"/, '$1'))).not.toEqual([]);
  });

  it('one testsuite per suite with counts, seconds and timestamp', () => {
    expect(xml).toContain('<testsuites name="lti-conform test tool" tests="4" failures="1" errors="1" time="6.276">');
    expect(xml).toContain('<testsuite name="tool.launch" tests="2" failures="1" errors="0" skipped="0" time="1.276" timestamp="2025-01-02T03:04:05">');
    expect(xml).toContain('<testsuite name="tool.login" tests="1" failures="0" errors="1" skipped="0" time="5.000" timestamp="2025-01-02T03:04:06">');
    expect(xml).toContain('<property name="lti-conform.profile" value="certification"/>');
  });

  it('one testcase per scenario: classname without version dots, name = id + title', () => {
    expect(xml).toContain('<testcase name="tool.launch.rejects-expired-token Tool rejects an expired id_token" classname="tool.launch" time="1.234">');
    expect(xml).toContain('classname="lti13.dl"');
    expect(classnameFor('lti1.3.core')).toBe('lti13.core');
    expect(classnameFor('tool.launch')).toBe('tool.launch');
    expect(classnameFor('ags2.0.v1.scores')).toBe('ags20.v1.scores');
  });

  it('failure, error and skipped elements', () => {
    expect(xml).toMatch(/<failure message="launch\.rejected: The tool accepted [^"\n]*" type="launch\.rejected">/);
    expect(xml).toMatch(/<error message="ERR_TIMEOUT: No answer within 5000ms[^"\n]*" type="ERR_TIMEOUT">error ERR_TIMEOUT/);
    expect(xml).toContain('hint: Is the tool running? Raise --timeout.</error>');
    expect(xml).toContain('<skipped message="target.deepLinkingUrl is not configured"/>');
  });

  it('puts redacted evidence in system-out', () => {
    expect(xml).toContain('&lt;= GET http://127.0.0.1:9400/.well-known/jwks.json -&gt; 200');
    expect(xml).toContain('JWT id_token (expired)');
    expect(xml).toMatch(/<system-out>[^<]*payload: \{/);
    expectNoSecrets(xml);
  });

  it('escapes and strips nasty characters, and never uses CDATA', async () => {
    expect(xml).not.toContain('<![CDATA[');
    expect(xml).not.toContain('\u001b');
    expect(xml).not.toContain('\u0001');
    expect(xml).not.toMatch(/[\ud800-\udfff]/u);
    expect(xml).toContain('cdata ]]&gt; quotes &quot;double&quot; &apos;single&apos; &amp; &lt;tag&gt;');
    const worst = { ...failed, id: `weird"<id>&'`, title: NASTY, suite: `s\u0007uite${NASTY}` };
    const nasty = toJunit(sampleRun({ scenarios: [worst], target: NASTY }));
    expect(await junitErrors(nasty)).toEqual([]);
  });

  it('unique names even for repeated scenarios', async () => {
    const twice = toJunit(sampleRun({ scenarios: [passedWithWarning, passedWithWarning] }));
    expect(twice).toContain('name="tool.launch.accepts-valid Tool accepts a valid resource link launch"');
    expect(twice).toContain('name="tool.launch.accepts-valid Tool accepts a valid resource link launch (2)"');
    expect(await junitErrors(twice)).toEqual([]);
  });

  it('a passed scenario keeps its warnings in system-out', () => {
    expect(xml).toMatch(/<system-out>! id-token\.azp\.matches/);
  });

  it('strict runs fail warned scenarios', async () => {
    const strict = toJunit(sampleRun({ strict: true, scenarios: [passedWithWarning] }));
    expect(strict).toMatch(/<failure message="id-token\.azp\.matches: azp differs[^"]*" type="id-token\.azp\.matches">/);
    expect(await junitErrors(strict)).toEqual([]);
  });

  it('an empty run is valid', async () => {
    const empty = toJunit(emptyRun());
    expect(empty).toContain('<testsuites name="lti-conform test tool" tests="0" failures="0" errors="0" time="0.000"/>');
    expect(await junitErrors(empty)).toEqual([]);
  });

  it('an interrupted run is valid and says so', async () => {
    const cut = toJunit(sampleRun({ interrupted: true }));
    expect(cut).toContain('<property name="lti-conform.interrupted" value="true"/>');
    expect(cut).toContain('<system-err>Interrupted');
    expect(await junitErrors(cut)).toEqual([]);
  });

  it('hostname only when given', async () => {
    expect(xml).not.toContain('hostname=');
    const withHost = toJunit(sampleRun(), { hostname: 'ci-runner-7' });
    expect(withHost).toContain('hostname="ci-runner-7"');
    expect(await junitErrors(withHost)).toEqual([]);
  });
});
