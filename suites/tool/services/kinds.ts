import { launch } from '../../../src/actions/platform/launch.js';
import type { ToolTestEnv } from '../../../src/actions/platform/env.js';
import { runTrigger, type TemplateVars } from '../../../src/actions/triggers/index.js';
import { classify } from '../../../src/checks/launch/outcome.js';
import { expectedCall } from '../../../src/checks/service/expected.js';
import { HarnessError, isHarnessError } from '../../../src/core/errors.js';
import type { ScenarioContext } from '../../../src/core/scenario.js';
import { CONTEXT_ID, personaSub, RESOURCE_LINK_ID } from '../../../src/roles/platform/launch-claims.js';
import type { ServiceCallRecord } from '../../../src/roles/platform/services/records.js';
import type { SpecRef } from '../../../src/spec/specs.js';
import { finalAnswer, requirePostedToken, type ToolScenario } from '../launch/kinds.js';
import { describeCall, judgeTraffic, markTraffic, type LaunchFacts, type TrafficMark } from './traffic.js';

type Ctx = ScenarioContext<ToolTestEnv>;

export interface ServiceFacts extends LaunchFacts {
  vars: TemplateVars;
}

/** A student launch carrying the AGS and NRPS claims, so the tool knows our endpoints and the learner. */
export async function serviceLaunch(ctx: Ctx): Promise<ServiceFacts> {
  const run = await launch(ctx.env, { variant: { persona: 'student' } });
  requirePostedToken(run);
  if (classify(finalAnswer(run.nav), ctx.env.outcome) !== 'accepted')
    throw new HarnessError('ERR_UNEXPECTED_RESPONSE', 'the launch that gives the tool our service endpoints was not accepted', 'See tool.launch.accepts-student.');
  const urls = ctx.env.emulator.services.urls(CONTEXT_ID, RESOURCE_LINK_ID);
  const sub = personaSub('student');
  return {
    sub, lineItem: urls.lineItem,
    vars: {
      'launch.sub': sub, 'launch.resourceLinkId': RESOURCE_LINK_ID, 'launch.contextId': CONTEXT_ID, 'launch.deploymentId': ctx.env.tool.deploymentId,
      'ags.lineitems': urls.lineItems, 'ags.lineitem': urls.lineItem, 'nrps.url': urls.memberships,
      'platform.issuer': ctx.env.emulator.issuer, 'tool.clientId': ctx.env.tool.clientId,
    },
  };
}

export interface TriggeredCall {
  call?: ServiceCallRecord;
  /** The trigger failed (non-2xx answer, non-zero exit): the scenario judges what arrived, then errors with it. */
  triggerError?: HarnessError;
}

/**
 * Runs a trigger and waits for the call it should cause. A trigger that finished (http, command) gets a
 * short grace for tools that act just after answering; a manual one gets its whole timeout.
 */
export async function triggerAndWait(ctx: Ctx, name: string, instructions: string, facts: ServiceFacts, mark: TrafficMark, match: (c: ServiceCallRecord) => boolean): Promise<TriggeredCall> {
  const config = ctx.env.triggers[name];
  let manual = false;
  let triggerError: HarnessError | undefined;
  try {
    const outcome = await runTrigger(config, { name, vars: facts.vars, timeoutMs: ctx.timeoutMs, signal: ctx.signal, evidence: ctx.evidence, announce: ctx.env.announce, instructions });
    manual = outcome.kind === 'manual';
  } catch (e) {
    if (!(isHarnessError(e) && e.code === 'ERR_TRIGGER_FAILED')) throw e;
    triggerError = e;
  }
  const wait = manual ? (config?.timeoutMs ?? Math.max(ctx.timeoutMs, 120_000)) : Math.min(ctx.timeoutMs, 2000);
  const call = await ctx.env.emulator.services.waitFor('call', match, { timeoutMs: wait, signal: ctx.signal, since: mark.call });
  return { ...(call ? { call } : {}), ...(triggerError ? { triggerError } : {}) };
}

export interface ServiceScenarioData {
  id: string;
  title: string;
  summary: string;
  suite: string;
  certification?: string;
  refs: readonly [SpecRef, ...SpecRef[]];
  trigger: string;
  instructions: string;
  expected: string;
  /** The call that completes what the trigger asked for (the wait ends there). */
  done: (c: ServiceCallRecord) => boolean;
  /** The call that shows the tool acted at all (default: done); paged reads judge completeness apart. */
  acted?: (c: ServiceCallRecord) => boolean;
}

/** Launch, trigger, wait for the expected call, then judge every token request and call since the trigger. */
export function serviceScenario(d: ServiceScenarioData): ToolScenario {
  return {
    id: d.id, title: d.title, summary: `${d.summary} Needs triggers.${d.trigger}.`, role: 'tool', suite: d.suite, refs: d.refs,
    ...(d.certification ? { certification: d.certification } : {}),
    skipReason: (env) => (env.triggers[d.trigger] ? undefined : `no trigger configured (triggers.${d.trigger})`),
    async run(ctx) {
      const facts = await serviceLaunch(ctx);
      const mark = markTraffic(ctx.env);
      const { triggerError } = await triggerAndWait(ctx, d.trigger, d.instructions, facts, mark, d.done);
      const calls = ctx.env.emulator.services.calls.slice(mark.call);
      const got = calls.find(d.acted ?? d.done);
      ctx.judge(expectedCall(d.refs), { arrived: got !== undefined, expected: d.expected, seen: calls.map(describeCall) }, { evidence: got ? [got.exchangeId] : [] });
      judgeTraffic(ctx, mark, facts);
      if (triggerError) throw triggerError;
    },
  };
}
