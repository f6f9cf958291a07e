import { deepLinkingLaunch, type DeepLinkingRun } from '../../../src/actions/platform/deep-linking.js';
import { DEEP_LINK_FORM_CHECKS, DEEP_LINK_RESPONSE_CHECKS, type DeepLinkResponseInput } from '../../../src/checks/deep-linking/index.js';
import { dlItemsAcceptedTypes, dlItemsMultiple, dlItemsTargets } from '../../../src/checks/deep-linking/content-items.js';
import { dlDataEchoed } from '../../../src/checks/deep-linking/message.js';
import { classify, launchAccepted } from '../../../src/checks/launch/outcome.js';
import type { Check } from '../../../src/core/check.js';
import { ScenarioSkipped } from '../../../src/core/errors.js';
import type { DeepLinkingSettings } from '../../../src/roles/platform/launch-claims.js';
import { rule } from '../../../src/spec/rules.js';
import type { SpecRef } from '../../../src/spec/specs.js';
import { evidenceOf, finalAnswer, refusedLaunch, requirePostedToken, type ToolScenario } from '../launch/kinds.js';

const SUITE = 'tool.deep-linking';
const noDeepLinkingUrl = (env: { tool: { deepLinkingUrl?: string } }): string | undefined => (env.tool.deepLinkingUrl ? undefined : 'target.deepLinkingUrl is not configured');

interface ResponseScenario {
  id: string;
  title: string;
  summary: string;
  certification?: string;
  refs: readonly [SpecRef, ...SpecRef[]];
  settings: (d: DeepLinkingSettings) => DeepLinkingSettings;
  /** The checks this scenario is about (the form checks always run first). */
  checks: readonly Check<DeepLinkResponseInput>[];
}

function responseInput(run: DeepLinkingRun, env: Parameters<ToolScenario['run']>[0]['env']): DeepLinkResponseInput {
  const settings = run.settings ?? {};
  const r = run.returned!;
  return {
    form: { method: r.method, contentType: r.contentType, fields: r.form },
    ...(run.response ? { jwt: run.response } : {}),
    request: {
      issuer: env.emulator.issuer, clientId: env.tool.clientId, deploymentId: env.tool.deploymentId,
      ...(settings.data !== undefined ? { data: settings.data } : {}),
      settings: {
        accept_types: settings.accept_types ?? [], accept_presentation_document_targets: settings.accept_presentation_document_targets ?? [],
        ...(settings.accept_multiple !== undefined ? { accept_multiple: settings.accept_multiple } : {}),
        ...(settings.accept_media_types !== undefined ? { accept_media_types: settings.accept_media_types } : {}),
      },
    },
    now: env.now(),
  };
}

function responseScenario(d: ResponseScenario): ToolScenario {
  return {
    id: `tool.deep-linking.${d.id}`, title: d.title, summary: d.summary, role: 'tool', suite: SUITE, refs: d.refs,
    ...(d.certification ? { certification: d.certification } : {}),
    skipReason: noDeepLinkingUrl,
    async run(ctx) {
      const run = await deepLinkingLaunch(ctx.env, d.settings);
      requirePostedToken(run.launch);
      if (!run.returned) {
        if (classify(finalAnswer(run.launch.nav), ctx.env.outcome) === 'refused') {
          ctx.judge(launchAccepted(d.refs), { answer: finalAnswer(run.launch.nav), rules: ctx.env.outcome }, { evidence: evidenceOf(run.launch.nav) });
          return;
        }
        throw new ScenarioSkipped('the tool answered the deep-linking request with a page for a person and returned nothing by itself (set triggers.deepLinking: manual to pick content in a browser)');
      }
      const input = responseInput(run, ctx.env);
      const ev = { evidence: [run.returned.exchangeId] };
      const formOk = DEEP_LINK_FORM_CHECKS.map((c) => ctx.judge(c, input, ev)).every(Boolean);
      if (!formOk && !input.jwt) return;
      for (const check of d.checks) if (!(DEEP_LINK_FORM_CHECKS as readonly Check<DeepLinkResponseInput>[]).includes(check)) ctx.judge(check, input, ev);
    },
  };
}

const responses: ToolScenario[] = [
  responseScenario({
    id: 'returns-valid-response', title: 'returns a well-formed, correctly signed deep-linking response',
    summary: 'NT-T-38: an LtiDeepLinkingRequest accepting every item type, several items and carrying data. The response must come back as a form POST with a JWT signed by the tool\'s key (kid, RS256), iss = client_id, aud = our issuer, exp, iat, nonce, message_type, version, deployment_id, the data echoed, and every content item valid for its type and within what was accepted.',
    certification: 'Deep Linking: Response Format Valid / Signature Valid / Required Claims Verified',
    refs: [rule('LTI-DLR-001'), rule('LTI-DLR-002'), rule('LTI-DLR-003')], settings: (d) => d, checks: DEEP_LINK_RESPONSE_CHECKS,
  }),
  responseScenario({
    id: 'echoes-data', title: 'echoes the request\'s data byte for byte',
    summary: 'NT-T-36: the request\'s data holds spaces, quotes, an ampersand, non-ASCII and JSON; the response must carry the same string in its data claim.',
    refs: [rule('LTI-DLR-004')], settings: (d) => ({ ...d, data: 'lti-conform {"state":"x y"} & ü=1' }), checks: [dlDataEchoed],
  }),
  responseScenario({
    id: 'single-item-when-not-multiple', title: 'returns at most one item, of an accepted type, when accept_multiple is false',
    summary: 'NT-T-37: accept_multiple false with accept_types ["link", "html"]; the response should hold at most one item, of an accepted type (the spec has no explicit MUST here, so a warning).',
    refs: [rule('LTI-DLR-013')], settings: (d) => ({ ...d, accept_multiple: false, accept_types: ['link', 'html'] }), checks: [dlItemsMultiple, dlItemsAcceptedTypes],
  }),
  responseScenario({
    id: 'respects-accept-types-and-targets', title: 'returns only ltiResourceLink items for an iframe when that is all that is accepted',
    summary: 'accept_types ["ltiResourceLink"] and accept_presentation_document_targets ["iframe"]: items of other types, or window presentation, should not come back.',
    refs: [rule('LTI-DLR-013')], settings: (d) => ({ ...d, accept_types: ['ltiResourceLink'], accept_presentation_document_targets: ['iframe'] }), checks: [dlItemsAcceptedTypes, dlItemsTargets],
  }),
];

const STATIC_SETTINGS: DeepLinkingSettings = {
  accept_types: ['link', 'ltiResourceLink'], accept_presentation_document_targets: ['iframe', 'window'], accept_multiple: true, data: 'lti-conform-negative',
};

const refusals: ToolScenario[] = [
  refusedLaunch({
    id: 'tool.deep-linking.rejects-missing-settings', title: 'refuses a deep-linking request without deep_linking_settings',
    summary: 'NT-T-34: an LtiDeepLinkingRequest with no settings claim (a warning: the rule is a SHOULD).',
    refs: [rule('LTI-DL-007')], launch: { deepLinking: { settings: undefined } }, skipReason: noDeepLinkingUrl,
  }),
  refusedLaunch({
    id: 'tool.deep-linking.rejects-missing-return-url', title: 'refuses deep_linking_settings without deep_link_return_url',
    summary: 'NT-T-35: the settings claim lacks deep_link_return_url, so no response could be delivered (a warning: the rule is a SHOULD).',
    refs: [rule('LTI-DL-007')], launch: { deepLinking: { settings: STATIC_SETTINGS } }, skipReason: noDeepLinkingUrl,
  }),
];

export const deepLinkingScenarios: ToolScenario[] = [...responses, ...refusals];
