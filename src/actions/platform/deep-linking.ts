import { ScenarioSkipped } from '../../core/errors.js';
import type { Mutator } from '../../mutators/types.js';
import { CONTEXT_ID, freshId, RESOURCE_LINK_ID, type DeepLinkingSettings } from '../../roles/platform/launch-claims.js';
import type { DeepLinkReturnRecord } from '../../roles/platform/services/records.js';
import type { ToolTestEnv } from './env.js';
import { authHandlerFor, launch, type LaunchRun, type LaunchSpec } from './launch.js';
import { runTrigger } from '../triggers/index.js';
import { PATHS } from '../../roles/platform/emulator.js';
import { verifyToolJwt, type ToolJwt } from './tool-jwt.js';

export interface DeepLinkingRun {
  launch: LaunchRun;
  settings: DeepLinkingSettings | undefined;
  /** What reached our deep_link_return_url for this request. */
  returned?: DeepLinkReturnRecord;
  /** The response JWT (form field JWT), decoded and signature-checked. */
  response?: ToolJwt;
}

/** Settings of a certification-like request, returning to our endpoint with a session marker. */
export function defaultSettings(env: ToolTestEnv, session: string): DeepLinkingSettings {
  const ret = new URL(env.emulator.services.urls(CONTEXT_ID, RESOURCE_LINK_ID).deepLinkReturn);
  ret.searchParams.set('session', session);
  return {
    deep_link_return_url: ret.toString(),
    accept_types: ['link', 'file', 'html', 'ltiResourceLink', 'image'],
    accept_presentation_document_targets: ['iframe', 'window'],
    accept_media_types: 'image/*,text/html,application/json',
    accept_multiple: true,
    auto_create: true,
    data: 'lti-conform-909708',
  };
}

/**
 * A tool that shows a content picker needs a person: with triggers.deepLinking set to manual, they open
 * our launch page in a real browser, pick content, and the tool posts the response back to us.
 */
async function withPerson(env: ToolTestEnv, spec: LaunchSpec, session: string, mine: (r: DeepLinkReturnRecord) => boolean, since: number): Promise<DeepLinkReturnRecord | undefined> {
  const config = env.triggers.deepLinking;
  if (config?.kind !== 'manual') return undefined;
  const url = new URL(env.emulator.url(PATHS.launchStart));
  url.searchParams.set('message', 'deep-linking');
  await runTrigger(config, {
    name: 'deepLinking', vars: { 'launch.url': url.toString(), session }, timeoutMs: env.timeoutMs, signal: env.signal, evidence: env.evidence, announce: env.announce,
    instructions: 'Open {{launch.url}} in a browser, pick any content in the tool and submit it.',
  });
  env.emulator.authHandler = authHandlerFor(env, spec, {});
  try {
    return await env.emulator.services.waitFor('deepLinkReturn', mine, { timeoutMs: config.timeoutMs ?? Math.max(env.timeoutMs, 300_000), signal: env.signal, since });
  } finally {
    env.emulator.authHandler = undefined;
  }
}

/**
 * Sends an LtiDeepLinkingRequest through the browser and collects the response the tool posts back.
 * `settings` shapes the request from the defaults (undefined = no settings claim at all).
 */
export async function deepLinkingLaunch(
  env: ToolTestEnv,
  settings: (defaults: DeepLinkingSettings) => DeepLinkingSettings | undefined,
  mutators: readonly Mutator[] = [],
): Promise<DeepLinkingRun> {
  if (!env.tool.deepLinkingUrl) throw new ScenarioSkipped('target.deepLinkingUrl is not configured');
  const session = freshId('dl');
  const chosen = settings(defaultSettings(env, session));
  const mark = env.emulator.services.marks().deepLinkReturn;
  const spec = { deepLinking: { settings: chosen }, mutators };
  const run = await launch(env, spec);
  const mine = (r: DeepLinkReturnRecord): boolean => r.query.session === session;
  let returned = env.emulator.services.deepLinkReturns.slice(mark).find(mine);
  if (!returned && run.answer?.kind === 'post') returned = await withPerson(env, spec, session, mine, mark);
  if (!returned) return { launch: run, settings: chosen };
  const jwt = returned.form.JWT;
  const response = jwt ? await verifyToolJwt(env, jwt) : undefined;
  if (response) env.evidence.jwt('deep-linking response from the tool', response.header, response.payload);
  return { launch: run, settings: chosen, returned, ...(response ? { response } : {}) };
}
