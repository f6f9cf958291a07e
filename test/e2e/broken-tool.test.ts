import { afterAll, describe, expect, it } from 'vitest';
import { startDemoPair } from '../../src/cli/commands/demo.js';
import { TOOL_FLAWS, type ToolFlaw } from '../../src/reference/tool/index.js';
import { toolScenarios } from '../../suites/tool/index.js';
import { caughtIds, findings, runSuite } from '../support/run-suite.js';

const t = (...ids: string[]): string[] => ids.map((id) => `tool.launch.${id}`).sort();
/** Ids outside tool.launch, given without the leading 'tool.'. */
const s = (...ids: string[]): string[] => ids.map((id) => `tool.${id}`).sort();
const both = (suffix: string): string[] => t(`accepts-instructor${suffix}`, `accepts-student${suffix}`);

/**
 * Each flaw of the reference tool must be caught by exactly these scenarios (DESIGN.md: broken
 * counterparts). Where one defect naturally shows in two scenarios, both are listed.
 */
const EXPECTED: Record<ToolFlaw, string[]> = {
  'login-accepts-missing-iss': t('login-refuses-missing-iss'),
  'login-accepts-missing-login-hint': t('login-refuses-missing-login-hint'),
  'login-accepts-missing-target-link-uri': t('login-refuses-missing-target-link-uri'),
  'login-accepts-unknown-issuer': t('login-refuses-unknown-issuer'),
  'login-accepts-unknown-client-id': t('login-refuses-unknown-client-id'),
  'login-refuses-post': t('login-post'),
  'login-drops-message-hint': t('login-echoes-message-hint'),
  'login-omits-prompt': t('login-get', 'login-post'),
  'launch-accepts-missing-kid': t('rejects-missing-kid'),
  'launch-accepts-unknown-kid': t('rejects-unknown-kid'),
  'launch-skips-signature': t('rejects-foreign-key-signature'),
  'launch-accepts-alg-none': t('rejects-alg-none'),
  'launch-accepts-hs256': t('rejects-hs256-key-confusion'),
  'launch-ignores-exp': t('rejects-expired', 'rejects-bogus-timestamps', 'rejects-missing-exp'),
  'launch-accepts-missing-exp': t('rejects-missing-exp'),
  'launch-accepts-missing-iat': t('rejects-missing-iat'),
  'launch-ignores-nbf': t('rejects-future-nbf'),
  'launch-ignores-iss': t('rejects-wrong-issuer'),
  'launch-ignores-aud': t('rejects-wrong-audience'),
  'launch-trusts-extra-aud': t('rejects-untrusted-audience'),
  'launch-ignores-azp': t('rejects-wrong-azp'),
  'launch-accepts-missing-nonce': t('rejects-missing-nonce'),
  'launch-ignores-nonce-mismatch': t('rejects-mismatched-nonce'),
  'launch-allows-replay': t('rejects-replayed-id-token'),
  'launch-ignores-state': t('rejects-missing-state', 'rejects-foreign-state', 'rejects-mismatched-nonce'),
  'launch-accepts-any-version': t('rejects-wrong-version'),
  'launch-accepts-missing-version': t('rejects-missing-version'),
  'launch-accepts-missing-message-type': t('rejects-missing-message-type'),
  'launch-accepts-unknown-message-type': t('rejects-unknown-message-type'),
  'launch-accepts-missing-deployment-id': t('rejects-missing-deployment-id'),
  'launch-accepts-unknown-deployment-id': t('rejects-unknown-deployment-id'),
  'launch-accepts-missing-roles': t('rejects-missing-roles'),
  'launch-accepts-missing-resource-link': t('rejects-missing-resource-link'),
  'launch-accepts-empty-resource-link-id': t('rejects-empty-resource-link-id'),
  'launch-accepts-empty-sub': t('rejects-empty-sub'),
  'launch-accepts-missing-sub': t('rejects-missing-sub'),
  'launch-accepts-non-lti-payload': t('rejects-non-lti-payload'),
  'launch-accepts-missing-core-claims': t('rejects-missing-lti-claims', 'rejects-non-lti-payload'),
  'launch-treats-error-as-launch': t('refuses-oidc-error-response'),
  'launch-lands-on-login-target': t('lands-on-signed-target-link-uri'),
  'launch-requires-context': both('-email-without-context'),
  'launch-requires-full-role-uris': both('-short-role'),
  'launch-refuses-unknown-roles': t('accepts-instructor-unknown-role'),
  'launch-requires-name': [...both('-email-only'), ...both('-no-pii'), ...both('-email-without-context')].sort(),
  'launch-refuses-unknown-claims': t('accepts-unknown-claims'),
  'launch-requires-string-aud': t('accepts-aud-array'),
  'dl-omits-data': s('deep-linking.echoes-data', 'deep-linking.returns-valid-response'),
  'dl-wrong-aud': s('deep-linking.returns-valid-response'),
  'dl-ignores-accept-multiple': s('deep-linking.single-item-when-not-multiple'),
  'dl-ignores-accept-types': s('deep-linking.respects-accept-types-and-targets', 'deep-linking.single-item-when-not-multiple'),
  'dl-accepts-missing-settings': s('deep-linking.rejects-missing-settings'),
  'dl-accepts-missing-return-url': s('deep-linking.rejects-missing-return-url'),
  'dl-unsigned-kid': s('deep-linking.returns-valid-response'),
  'score-timestamp-without-zone': s('ags.posts-score', 'ags.renews-expired-token'),
  'score-wrong-user-id': s('ags.posts-score', 'ags.renews-expired-token'),
  'score-drops-line-item-query': s('ags.posts-score', 'ags.renews-expired-token'),
  'lineitems-first-page-only': s('ags.reads-all-line-items'),
  'lineitems-rebuilds-next-url': s('ags.reads-all-line-items'),
  'lineitem-blank-label': s('ags.creates-line-item'),
  'results-wrong-accept': s('ags.reads-results'),
  'roster-first-page-only': s('nrps.reads-whole-roster'),
  'nrps-wrong-accept': s('nrps.reads-whole-roster'),
  'token-reuses-jti': s('ags.creates-line-item', 'ags.reads-all-line-items', 'ags.reads-results', 'ags.renews-expired-token', 'nrps.reads-whole-roster'),
  'token-never-renews': s('ags.renews-expired-token'),
  'token-long-lived-assertion': s('ags.creates-line-item', 'ags.posts-score', 'ags.reads-all-line-items', 'ags.reads-results', 'ags.renews-expired-token', 'nrps.reads-whole-roster'),
  'jwks-cached-forever': s('keys.rotation'),
  'registration-ignores-issuer-mismatch': s('registration.rejects-issuer-mismatch'),
  'registration-omits-bearer-token': s('registration.registers'),
  'registration-omits-jwks-uri': s('registration.registers'),
  'registration-requests-unsupported-scope': s('registration.registers'),
  'registration-never-closes': s('registration.registers'),
  'registration-crashes-on-error': s('registration.stops-on-error'),
  'registration-closes-on-error': s('registration.stops-on-error'),
  'sr-accepts-missing-for-user': s('submission-review.rejects-missing-for-user'),
  'sr-accepts-missing-lineitem': s('submission-review.rejects-missing-lineitem'),
  'sr-refuses-review': s('submission-review.accepts'),
  'migration-ignores-sign': s('migration.wrong-signature'),
};

const pairs: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(pairs.map((p) => p.close()));
});

describe('broken counterparts: the reference tool with one flaw', () => {
  it('covers every flaw the reference tool has', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...TOOL_FLAWS].sort());
  });

  it('proves every negative scenario against at least one flaw', () => {
    const covered = new Set(Object.values(EXPECTED).flat());
    const negatives = toolScenarios.map((s) => s.id).filter((id) => !/\.accepts-/.test(id));
    expect(negatives.filter((id) => !covered.has(id))).toEqual([]);
  });

  it.concurrent.each(Object.entries(EXPECTED))('%s is caught by exactly its scenarios', async (flaw, expected) => {
    const pair = await startDemoPair([flaw as ToolFlaw]);
    pairs.push(pair);
    const run = await runSuite(pair.emulator, { triggers: pair.triggers });
    expect(caughtIds(run), findings(run).join('\n')).toEqual(expected);
  });
});
