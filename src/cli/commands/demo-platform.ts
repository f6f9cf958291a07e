import type { TriggerConfig } from '../../config/types.js';
import { KeyStore } from '../../keys/store.js';
import { startReferencePlatform, type PlatformFlaw } from '../../reference/platform/index.js';
import { ToolEmulator } from '../../roles/tool/emulator.js';
import { placeholderPlatform } from '../../actions/tool/registration-metadata.js';

export const DEMO_PLATFORM_CLIENT_ID = 'lti-conform-demo-client';
export const DEMO_PLATFORM_DEPLOYMENT_ID = 'lti-conform-demo-platform-deployment';
/** The reference platform's former LTI 1.1 installation of our tool: the secret must never reach a report. */
export const DEMO_PLATFORM_LTI11 = { consumerKey: 'lti-conform-demo-platform-lti11-key', secret: 'lti-conform-demo-platform-lti11-secret-27d4' } as const;

const get = (url: string): TriggerConfig => ({ kind: 'http', http: { method: 'GET', url } });

export interface PlatformDemoOptions {
  /** dynamic (default): our tool registers itself by Dynamic Registration; static: both sides are told each other's values. */
  registration?: 'dynamic' | 'static';
}

/**
 * Our tool emulator and the reference platform, with http triggers. By default the tool is registered by
 * Dynamic Registration during the run (triggers.register makes the platform open our registration URL),
 * so the platform suite runs on the registration it produced: no value is copied by hand.
 */
export async function startPlatformDemoPair(flaws: readonly PlatformFlaw[] = [], keys?: KeyStore, opts: PlatformDemoOptions = {}) {
  const placeholder = { kind: 'platform' as const, issuer: 'http://127.0.0.1/', clientId: DEMO_PLATFORM_CLIENT_ID, deploymentId: DEMO_PLATFORM_DEPLOYMENT_ID, authorizationUrl: 'http://127.0.0.1/', tokenUrl: 'http://127.0.0.1/', jwksUrl: 'http://127.0.0.1/' };
  const toolEmulator = await ToolEmulator.start({ host: '127.0.0.1', port: 0, keys: keys ?? (await KeyStore.inMemory()), platform: placeholder });
  const r = toolEmulator.registrationValues();
  const dynamic = opts.registration !== 'static';
  const platform = await startReferencePlatform({
    flaws, lti11: DEMO_PLATFORM_LTI11,
    ...(dynamic ? {} : { tool: { clientId: DEMO_PLATFORM_CLIENT_ID, deploymentId: DEMO_PLATFORM_DEPLOYMENT_ID, loginInitiationUrl: r.loginInitiationUrl, redirectUris: r.redirectUris, targetLinkUri: r.targetLinkUri, deepLinkingUrl: r.deepLinkingUrl, jwksUrl: r.jwksUrl } }),
  });
  const services = {
    lineItemsUrl: platform.services.lineItemsUrl('course-1'), membershipsUrl: platform.services.membershipsUrl('course-1'),
    resourceLinkId: platform.services.resourceLinkId('course-1'), otherLineItemsUrl: platform.services.lineItemsUrl('course-2'), learnerUserId: platform.users.student,
  };
  if (dynamic) {
    const target = { kind: 'platform' as const, registration: {}, services, lti11: { ...DEMO_PLATFORM_LTI11 } };
    toolEmulator.registration = target;
    toolEmulator.platform = placeholderPlatform(target);
  } else {
    toolEmulator.platform = { ...placeholder, issuer: platform.issuer, authorizationUrl: platform.authorizationUrl, tokenUrl: platform.tokenUrl, jwksUrl: platform.jwksUrl, services, lti11: { ...DEMO_PLATFORM_LTI11 } };
  }
  const triggers: Record<string, TriggerConfig> = {
    ...(dynamic ? { register: get(`${platform.registration.startUrl('')}{{tool.registration_url|url}}`) } : {}),
    launch: get(platform.launchUrl({ persona: 'instructor' })),
    deepLinking: get(platform.launchUrl({ persona: 'instructor', message: 'deep-linking' })),
    launchCreatedLink: get(platform.launchUrl({ persona: 'student', link: 'latest' })),
    submissionReview: get(platform.launchUrl({ persona: 'instructor', message: 'submission-review' })),
  };
  return { toolEmulator, platform, triggers, close: async () => { await platform.close(); await toolEmulator.close(); } };
}
