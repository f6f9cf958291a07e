import { afterAll, describe, expect, it } from 'vitest';
import { startPlatformDemoPair } from '../../src/cli/commands/demo-platform.js';
import { PLATFORM_FLAWS, type PlatformFlaw } from '../../src/reference/platform/index.js';
import { platformScenarios } from '../../suites/platform/index.js';
import { runPlatform } from '../support/run-platform-suite.js';
import { caughtIds, findings } from '../support/run-suite.js';

const p = (...ids: string[]): string[] => ids.map((id) => `platform.${id}`).sort();

/**
 * Each flaw of the reference platform must be caught by exactly these scenarios (DESIGN.md: broken
 * counterparts). A defect in what every id_token carries shows in both launch scenarios.
 */
const EXPECTED: Record<PlatformFlaw, string[]> = {
  'ags-accepts-blank-label': p('ags.refuses-invalid-line-items'),
  'ags-accepts-foreign-resource-link': p('ags.refuses-invalid-line-items'),
  'ags-accepts-score-without-user-id': p('ags.refuses-malformed-scores'),
  'ags-container-no-next-link': p('ags.pages-and-filters-line-items'),
  'ags-container-wrong-media-type': p('ags.lists-line-items'),
  'ags-context-leak': p('ags.isolates-contexts'),
  'ags-create-alters-tag': p('ags.line-item-lifecycle', 'ags.pages-and-filters-line-items'),
  'ags-create-returns-200': p('ags.line-item-lifecycle'),
  'ags-delete-keeps-item': p('ags.line-item-lifecycle'),
  'ags-ignores-resource-link-filter': p('ags.pages-and-filters-line-items'),
  'ags-no-auth': p('ags.requires-token'),
  'ags-put-changes-id': p('ags.line-item-lifecycle'),
  'ags-results-wrong-media-type': p('ags.scores-and-results'),
  'as-accepts-alg-none': p('token.rejects-alg-none'),
  'as-accepts-expired-assertion': p('token.rejects-expired-assertion'),
  'as-accepts-hs256': p('token.rejects-hs256'),
  'as-accepts-iss-sub-mismatch': p('token.rejects-iss-sub-mismatch'),
  'as-accepts-missing-assertion-type': p('token.rejects-missing-assertion-type'),
  'as-accepts-replayed-jti': p('token.rejects-replayed-jti'),
  'as-accepts-unknown-key': p('token.rejects-unknown-key'),
  'as-accepts-wrong-aud': p('token.rejects-wrong-audience'),
  'as-accepts-wrong-grant-type': p('token.rejects-wrong-grant-type'),
  'as-grants-unrequested-scope': p('ags.enforces-scope', 'token.never-grants-unrequested-scopes'),
  'as-omits-expires-in': p('token.issues-token', 'token.never-grants-unrequested-scopes'),
  'auth-accepts-missing-nonce': p('auth.rejects-missing-nonce'),
  'auth-accepts-missing-prompt': p('auth.rejects-missing-prompt'),
  'auth-accepts-tampered-message-hint': p('auth.rejects-tampered-message-hint'),
  'auth-accepts-unregistered-redirect': p('auth.rejects-unregistered-redirect-uri'),
  'auth-accepts-wrong-response-mode': p('auth.rejects-query-response-mode'),
  'auth-accepts-wrong-response-type': p('auth.rejects-code-response-type'),
  'auth-accepts-wrong-scope': p('auth.rejects-wrong-scope'),
  'auth-ignores-client-id': p('auth.rejects-wrong-client-id'),
  'auth-ignores-login-hint': p('auth.rejects-other-users-login-hint'),
  'dl-accepts-bad-signature': p('deep-linking.rejects-bad-signature', 'deep-linking.rejects-unknown-kid'),
  'dl-accepts-changed-data': p('deep-linking.rejects-changed-data'),
  'dl-accepts-expired': p('deep-linking.rejects-expired'),
  'dl-accepts-replayed-nonce': p('deep-linking.rejects-replayed-nonce'),
  'dl-accepts-unknown-kid': p('deep-linking.rejects-unknown-kid'),
  'dl-accepts-wrong-aud': p('deep-linking.rejects-wrong-aud'),
  'dl-link-ignores-item-url': p('deep-linking.launches-created-link'),
  'dl-link-drops-item-custom': p('deep-linking.launches-created-link'),
  'dl-accepts-wrong-deployment-id': p('deep-linking.rejects-wrong-deployment-id'),
  'dl-accepts-wrong-iss': p('deep-linking.rejects-wrong-iss'),
  'dl-accepts-wrong-message-type': p('deep-linking.rejects-wrong-message-type'),
  'dr-accepts-missing-jwks-uri': p('registration.refuses-missing-jwks-uri'),
  'dr-accepts-missing-redirect-uris': p('registration.refuses-missing-redirect-uris'),
  'dr-accepts-missing-token': p('registration.refuses-missing-token'),
  'dr-accepts-wrong-token': p('registration.refuses-wrong-token'),
  'dr-config-omits-platform-configuration': p('registration.configuration'),
  'dr-config-omits-registration-endpoint': p('registration.configuration', 'registration.registers'),
  'dr-errors-as-html-500': p('registration.refuses-missing-jwks-uri', 'registration.refuses-missing-redirect-uris', 'registration.refuses-missing-token', 'registration.refuses-wrong-token'),
  'dr-omits-client-id': p('registration.registers'),
  'initiation-deployment-mismatch': p('launch.deep-linking', 'launch.resource-link', 'submission-review.request'),
  'initiation-omits-login-hint': p('deep-linking.accepts-valid-response', 'deep-linking.launches-created-link', 'deep-linking.rejects-bad-signature', 'deep-linking.rejects-changed-data', 'deep-linking.rejects-expired', 'deep-linking.rejects-replayed-nonce', 'deep-linking.rejects-unknown-kid', 'deep-linking.rejects-wrong-aud', 'deep-linking.rejects-wrong-deployment-id', 'deep-linking.rejects-wrong-iss', 'deep-linking.rejects-wrong-message-type', 'launch.deep-linking', 'launch.resource-link', 'migration.claim', 'submission-review.request'),
  'jwks-duplicate-kid': p('launch.deep-linking', 'launch.jwks', 'launch.resource-link', 'submission-review.request'),
  'jwks-private-members': p('launch.deep-linking', 'launch.jwks', 'launch.resource-link', 'submission-review.request'),
  'nrps-ignores-role-filter': p('nrps.filters-by-role'),
  'nrps-no-auth': p('nrps.requires-token'),
  'nrps-no-next-link': p('nrps.pages-roster'),
  'nrps-no-status-enum': p('nrps.reads-roster'),
  'token-custom-non-string': p('launch.deep-linking', 'launch.resource-link', 'submission-review.request'),
  'token-expired': p('launch.deep-linking', 'launch.resource-link', 'submission-review.request'),
  'token-omits-deployment-id': p('launch.deep-linking', 'launch.resource-link', 'submission-review.request'),
  'token-omits-kid': p('launch.deep-linking', 'launch.resource-link', 'submission-review.request'),
  'token-omits-nonce-echo': p('launch.deep-linking', 'launch.resource-link', 'submission-review.request'),
  'token-omits-resource-link': p('launch.resource-link', 'submission-review.request'),
  'token-target-link-mismatch': p('deep-linking.launches-created-link', 'launch.deep-linking', 'launch.resource-link', 'submission-review.request'),
  'token-unknown-kid': p('launch.deep-linking', 'launch.resource-link', 'submission-review.request'),
  'token-whitespace-padding': p('launch.deep-linking', 'launch.resource-link', 'submission-review.request'),
  'token-wrong-signature': p('launch.deep-linking', 'launch.resource-link', 'submission-review.request'),
  'token-wrong-version': p('launch.deep-linking', 'launch.resource-link', 'submission-review.request'),
  'sr-omits-for-user': p('submission-review.request'),
  'sr-omits-lineitem': p('submission-review.request'),
  'lti1p1-wrong-sign': p('migration.claim'),
  'lti1p1-omits-claim': p('migration.claim'),
};

const pairs: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(pairs.map((x) => x.close()));
});

describe('broken counterparts: the reference platform with one flaw', () => {
  it('covers every flaw the reference platform has', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...PLATFORM_FLAWS].sort());
  });

  it('proves every platform scenario against at least one flaw (but the plain acceptance of a valid message)', () => {
    const covered = new Set(Object.values(EXPECTED).flat());
    expect(platformScenarios.map((s) => s.id).filter((id) => !covered.has(id) && !/\.accepts-/.test(id))).toEqual([]);
  });

  it.concurrent.each(Object.entries(EXPECTED))('%s is caught by exactly its scenarios', async (flaw, expected) => {
    const pair = await startPlatformDemoPair([flaw as PlatformFlaw]);
    pairs.push(pair);
    const run = await runPlatform(pair.toolEmulator, pair.triggers);
    expect(caughtIds(run), findings(run).join('\n')).toEqual(expected);
  });
});
