import { expectedCall } from '../../../src/checks/service/expected.js';
import { HarnessError } from '../../../src/core/errors.js';
import { rule } from '../../../src/spec/rules.js';
import type { ToolScenario } from '../launch/kinds.js';
import { serviceLaunch, serviceScenario, triggerAndWait } from './kinds.js';
import { describeCall, judgeTraffic, markTraffic } from './traffic.js';

const lastPage = (op: string) => (c: { operation: string; page?: { hasNext: boolean } }): boolean => c.operation === op && c.page !== undefined && !c.page.hasNext;

const ags: ToolScenario[] = [
  serviceScenario({
    id: 'tool.ags.posts-score', suite: 'tool.ags', title: 'posts a well-formed score for the launched learner',
    summary: 'NT-T-44, NT-T-48, NT-T-49: the tool is asked to grade the learner. Its token request (client assertion) and its score POST are judged: scores URL derived from the line item URL with its query kept, score media type, userId = the launch sub, ISO 8601 timestamp with fraction and zone, progress values, scoreMaximum with scoreGiven, a token with the score scope.',
    certification: 'AGS: POST score', refs: [rule('LTI-AGS-026'), rule('LTI-AGS-022')], trigger: 'grade',
    instructions: 'Post a score for user {{launch.sub}} to line item {{ags.lineitem}}.', expected: 'score POST', done: (c) => c.operation === 'scores.post',
  }),
  serviceScenario({
    id: 'tool.ags.reads-all-line-items', suite: 'tool.ags', title: 'reads every page of the line item container, following next links verbatim',
    summary: 'NT-T-47: the container answers in pages of two with a rel="next" URL carrying its own query; the tool must follow each next URL as given until the last page.',
    refs: [rule('LTI-AGS-009')], trigger: 'lineItems',
    instructions: 'Read every line item of {{ags.lineitems}}.', expected: 'line item container GET', done: lastPage('lineitems.get'), acted: (c) => c.operation === 'lineitems.get',
  }),
  serviceScenario({
    id: 'tool.ags.creates-line-item', suite: 'tool.ags', title: 'creates a well-formed line item',
    summary: 'NT-T-50: the tool is asked to create a line item: line item media type, non-blank label, scoreMaximum > 0, a token with the lineitem scope.',
    certification: 'AGS: POST line item', refs: [rule('LTI-AGS-015'), rule('LTI-AGS-016')], trigger: 'createLineItem',
    instructions: 'Create a line item in {{ags.lineitems}}.', expected: 'line item POST', done: (c) => c.operation === 'lineitems.post',
  }),
  serviceScenario({
    id: 'tool.ags.reads-results', suite: 'tool.ags', title: 'reads results from the line item\'s results URL',
    summary: 'The tool is asked to read results: URL = line item path + /results with the query kept, Accept the result container media type, a token with the result.readonly scope.',
    certification: 'AGS: GET results', refs: [rule('LTI-AGS-022')], trigger: 'results',
    instructions: 'Read the results of {{ags.lineitem}}.', expected: 'results GET', done: (c) => c.operation === 'results.get',
  }),
];

/**
 * We end the tool's tokens before the expires_in we announced, so a tool that only renews on its own
 * schedule is not wrong by LTI-TOK-012; retrying after invalid_token is a MAY (RFC 6750 §3.1). A robust
 * tool fetches a new token at once: a warning when it does not.
 */
const renewRefs = [rule('LTI-TOK-012', 'SHOULD')] as const;

/** NT-T-46: tokens expire; a 401 after expiry must make the tool fetch a new one (no refresh tokens). */
const renewsToken: ToolScenario = {
  id: 'tool.ags.renews-expired-token', title: 'fetches a new access token after the old one expired',
  summary: 'NT-T-46: the tool grades once, then we end every token we issued early; asked to grade again, its call gets 401 and it should request a new token and succeed (no refresh tokens). Ending tokens early is our doing, so a tool that waits for expires_in gets a warning, not a failure. Needs triggers.grade.',
  role: 'tool', suite: 'tool.ags', refs: renewRefs,
  skipReason: (env) => (env.triggers.grade ? undefined : 'no trigger configured (triggers.grade)'),
  async run(ctx) {
    const facts = await serviceLaunch(ctx);
    const first = markTraffic(ctx.env);
    const ok = (c: { operation: string; status: number }): boolean => c.operation === 'scores.post' && c.status < 300;
    if (!(await triggerAndWait(ctx, 'grade', 'Post a score for user {{launch.sub}} to {{ags.lineitem}}.', facts, first, ok)).call)
      throw new HarnessError('ERR_UNEXPECTED_RESPONSE', 'the first score before the token expiry was not accepted', 'See tool.ags.posts-score.');
    ctx.env.emulator.services.expireTokens();
    const mark = markTraffic(ctx.env);
    // The tool's trigger route may fail here (it got a 401): that is the finding, so no error is raised.
    const { call: got } = await triggerAndWait(ctx, 'grade', 'Post a score for user {{launch.sub}} again.', facts, mark, (c) => ok(c) && c.token.valid);
    const seen = ctx.env.emulator.services.calls.slice(mark.call).map(describeCall);
    ctx.judge(expectedCall(renewRefs), { arrived: got !== undefined, expected: 'a score POST with a newly issued token after the old one expired', seen }, { evidence: got ? [got.exchangeId] : [] });
    judgeTraffic(ctx, mark, facts);
  },
};

const nrps: ToolScenario[] = [
  serviceScenario({
    id: 'tool.nrps.reads-whole-roster', suite: 'tool.nrps', title: 'reads every page of the roster with the right Accept header and scope',
    summary: 'NT-T-51: the membership container answers in pages of three with rel="next" links and members without status; the tool must read every page, send Accept: the membership container media type and a token with the NRPS scope.',
    certification: 'NRPS: Verify JSON Header / Verify Bearer Token / Verify Bearer Scope', refs: [rule('LTI-NRPS-001')], trigger: 'roster',
    instructions: 'Read the whole roster at {{nrps.url}}.', expected: 'membership GET', done: lastPage('memberships.get'), acted: (c) => c.operation === 'memberships.get',
  }),
];

export const serviceScenarios: ToolScenario[] = [...ags, renewsToken, ...nrps];
