import type { PlatformTestEnv } from '../../src/actions/tool/env.js';
import { platformLaunch, type PlatformLaunchRun } from '../../src/actions/tool/launch.js';
import {
  deepLinkAnswerAccepted, deepLinkAnswerPrecondition, deepLinkAnswerRefused, type DeepLinkAnswerInput,
} from '../../src/checks/platform/deep-link-answer.js';
import { HarnessError, ScenarioSkipped } from '../../src/core/errors.js';
import type { ScenarioContext } from '../../src/core/scenario.js';
import { TOOL_MESSAGE_FORM_FIELD } from '../../src/lti/vocab.js';
import { DEEP_LINK_MUTATIONS, defaultDeepLinkPlan, type DeepLinkMutation, type DeepLinkPlan } from '../../src/roles/tool/deep-link-response.js';
import { rule } from '../../src/spec/rules.js';
import type { SpecRef } from '../../src/spec/specs.js';
import type { PlatformScenario } from './kinds.js';

type Ctx = ScenarioContext<PlatformTestEnv>;
const SUITE = 'platform.deep-linking';

/** What the platform answered our auto-posted response, and the exchanges that show it. */
interface Answer {
  input: DeepLinkAnswerInput;
  evidence: string[];
}

/** Only a browser we drive shows the platform's answer; a person's browser keeps it to itself. */
function skipReason(env: PlatformTestEnv): string | undefined {
  const t = env.triggers.deepLinking;
  if (t === undefined) return 'no trigger configured (triggers.deepLinking)';
  return t.kind === 'manual' ? 'triggers.deepLinking is manual: the platform\'s answer to our response is seen only when lti-conform\'s browser carries the launch (http or command trigger)' : undefined;
}

/** The browser hop that posted our response (the last POST with a JWT field), followed through the platform's redirects. */
function readAnswer(run: PlatformLaunchRun): Answer {
  const hops = run.nav?.hops ?? [];
  let i = hops.findLastIndex((h) => h.method === 'POST' && (h.fields ?? []).includes(TOOL_MESSAGE_FORM_FIELD));
  const posted = i >= 0 && run.response?.deepLinkAnswer?.posted === true;
  if (!posted) return { input: { answerStatus: undefined, posted: false }, evidence: run.response ? [run.response.exchangeId] : [] };
  const post = hops[i]!;
  const evidence = [run.response!.exchangeId, post.exchangeId];
  while (hops[i]!.status >= 300 && hops[i]!.status < 400 && i + 1 < hops.length) evidence.push(hops[++i]!.exchangeId);
  return { input: { answerStatus: hops[i]!.status, answerUrl: post.url, posted: true }, evidence };
}

/** Why nothing was posted, as a harness error (or a skip when the plan does not apply to this platform). */
function notPosted(run: PlatformLaunchRun, answer: Answer): Error {
  const base = deepLinkAnswerPrecondition(answer.input) ?? '';
  const record = run.response?.deepLinkAnswer;
  if (record?.posted === false && record.notApplicable) return new ScenarioSkipped(record.reason);
  const why = record?.posted === false ? `our response could not be built: ${record.reason}`
    : record?.posted === true ? `our auto-posted form to ${record.returnUrl} was not submitted by the browser${run.navError ? ` (${run.navError.message})` : ''}`
      : run.response?.form.id_token === undefined ? 'no id_token reached our deep-linking URI (see platform.launch.deep-linking)'
        : 'the id_token at our deep-linking URI is not an LtiDeepLinkingRequest with an http(s) deep_link_return_url (see platform.launch.deep-linking)';
  return new HarnessError('ERR_UNEXPECTED_RESPONSE', `${base}: ${why}`, 'Check triggers.deepLinking opens a deep-linking launch of the registered tool.');
}

/** One deep-linking launch, answered with the plan's response; the platform's answer to it. */
async function respondWith(ctx: Ctx, plan: DeepLinkPlan): Promise<Answer> {
  const em = ctx.env.toolEmulator;
  const previous = em.deepLinkPlan;
  em.deepLinkPlan = plan;
  let run: PlatformLaunchRun;
  try {
    run = await platformLaunch(ctx.env, { trigger: 'deepLinking' });
  } finally {
    em.deepLinkPlan = previous;
  }
  const answer = readAnswer(run);
  if (!answer.input.posted) throw notPosted(run, answer);
  return answer;
}

const ACCEPT_REFS: readonly [SpecRef, ...SpecRef[]] = deepLinkAnswerAccepted.refs;

const accepts: PlatformScenario = {
  id: `${SUITE}.accepts-valid-response`, title: 'accepts a valid deep-linking response with an item of each accepted type',
  summary: 'A deep-linking launch through triggers.deepLinking, answered with a correct LtiDeepLinkingResponse auto-posted to deep_link_return_url: RS256 under our kid, iss our client id, aud the platform, fresh nonce, the request\'s deployment_id and data, one content item per accepted type (link, ltiResourceLink, html, file, image; one item unless accept_multiple). The platform must answer 2xx.',
  role: 'platform', suite: SUITE, refs: ACCEPT_REFS, certification: 'Deep Linking: the platform absorbs the returned LTI link', skipReason,
  async run(ctx) {
    const a = await respondWith(ctx, defaultDeepLinkPlan);
    ctx.judge(deepLinkAnswerAccepted, a.input, { evidence: a.evidence });
  },
};

interface BadResponse {
  id: string;
  title: string;
  note: string;
  mutation: DeepLinkMutation;
  refs: readonly [SpecRef, ...SpecRef[]];
}

const BAD: BadResponse[] = [
  { id: 'rejects-bad-signature', title: 'refuses a deep-linking response signed with another key', note: 'NT-P-38', mutation: 'bad-signature', refs: [rule('LTI-DLR-005')] },
  { id: 'rejects-unknown-kid', title: 'refuses a deep-linking response whose kid is not in the tool key set', note: 'NT-P-38', mutation: 'unknown-kid', refs: [rule('LTI-DLR-005')] },
  { id: 'rejects-wrong-aud', title: 'refuses a deep-linking response addressed to another platform', note: 'NT-P-39', mutation: 'wrong-aud', refs: [rule('LTI-DLR-007')] },
  { id: 'rejects-wrong-iss', title: 'refuses a deep-linking response whose iss is another client id', note: 'NT-P-39', mutation: 'wrong-iss', refs: [rule('LTI-DLR-006')] },
  { id: 'rejects-expired', title: 'refuses an expired deep-linking response', note: 'NT-P-39', mutation: 'expired', refs: [rule('LTI-DLR-010')] },
  {
    id: 'rejects-replayed-nonce', title: 'refuses a deep-linking response that replays a nonce',
    note: 'NT-P-39: a valid response first, then a second launch answered with its nonce; the MUST is a present nonce, refusing a replay is a SHOULD (a warning)',
    mutation: 'replayed-nonce', refs: [rule('LTI-DLR-011', 'SHOULD')],
  },
  { id: 'rejects-changed-data', title: 'refuses a deep-linking response whose data was changed', note: 'NT-P-40 (skipped when the request carries no data)', mutation: 'changed-data', refs: [rule('LTI-DLR-012'), rule('LTI-DLR-004')] },
  { id: 'rejects-wrong-deployment-id', title: 'refuses a deep-linking response for another deployment', note: 'NT-P-41 (LTI-DLR-003 binds the tool, so a warning)', mutation: 'wrong-deployment', refs: [rule('LTI-DLR-003', 'SHOULD')] },
  { id: 'rejects-wrong-message-type', title: 'refuses a deep-linking response whose message_type is LtiDeepLinkingRequest', note: 'NT-P-41 (LTI-DLR-003 binds the tool, so a warning)', mutation: 'wrong-message-type', refs: [rule('LTI-DLR-003', 'SHOULD')] },
];

function refusal(b: BadResponse): PlatformScenario {
  const m = DEEP_LINK_MUTATIONS[b.mutation];
  return {
    id: `${SUITE}.${b.id}`, title: b.title,
    summary: `${b.note}. A deep-linking launch through triggers.deepLinking, answered with a correct response but for one thing: ${m.describe}. The platform must refuse it (HTTP >= 400).`,
    role: 'platform', suite: SUITE, refs: b.refs, skipReason,
    async run(ctx) {
      if (b.mutation === 'replayed-nonce') {
        const first = await respondWith(ctx, defaultDeepLinkPlan);
        // A replay means something only once the platform has taken in the original.
        if (!ctx.judge(deepLinkAnswerAccepted, first.input, { evidence: first.evidence })) return;
      }
      const a = await respondWith(ctx, m.plan);
      ctx.judge(deepLinkAnswerRefused(b.refs), a.input, { evidence: a.evidence });
    },
  };
}

/** NT-P-38..41: a valid deep-linking response is taken in; each response wrong in one way is refused. */
export const deepLinkingScenarios: PlatformScenario[] = [accepts, ...BAD.map(refusal)];
