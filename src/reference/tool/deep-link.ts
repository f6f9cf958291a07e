// An accepted LtiDeepLinkingRequest becomes an LtiDeepLinkingResponse, auto-posted to the return URL.
import { SignJWT, type JWTPayload } from 'jose';
import { CLAIM, LTI_VERSION, MESSAGE_TYPE } from '../../lti/vocab.js';
import { contentItems } from './content-items.js';
import type { ToolContext } from './context.js';
import { isObject, type Settings } from './dl-rules.js';
import { autoPost, page, type Reply } from './html.js';
import { randomToken } from './state-store.js';

const RESPONSE_LIFETIME_S = 300;
const WRONG_AUDIENCE = 'https://not-the-platform.example';

export async function signDeepLinkingResponse(ctx: ToolContext, request: JWTPayload, s: Settings): Promise<string> {
  const { flaws } = ctx;
  const key = await ctx.key.get();
  const iat = Math.floor(ctx.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: ctx.platform.clientId,
    aud: flaws.has('dl-wrong-aud') ? WRONG_AUDIENCE : ctx.platform.issuer,
    iat,
    exp: iat + RESPONSE_LIFETIME_S,
    nonce: randomToken(),
    [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingResponse,
    [CLAIM.version]: LTI_VERSION,
    [CLAIM.deploymentId]: (request as Record<string, unknown>)[CLAIM.deploymentId],
    [CLAIM.dlContentItems]: contentItems(ctx, s),
    [CLAIM.dlMsg]: 'lti-conform reference tool',
  };
  // data is the platform's CSRF binding: echoed as received, never parsed ([DL] §4.5.5).
  if (s.data !== undefined && !flaws.has('dl-omits-data')) claims[CLAIM.dlData] = s.data;
  const header = flaws.has('dl-unsigned-kid') ? { alg: 'RS256', typ: 'JWT' } : { alg: 'RS256', typ: 'JWT', kid: key.kid };
  return new SignJWT(claims).setProtectedHeader(header).sign(key.privateKey);
}

/** The reply to an accepted deep linking request (its claims were judged by rules.ts and dl-rules.ts). */
export async function handleDeepLinking(ctx: ToolContext, request: JWTPayload, setCookies: string[]): Promise<Reply> {
  const s = (request as Record<string, unknown>)[CLAIM.deepLinkingSettings];
  const returnUrl = isObject(s) ? s.deep_link_return_url : undefined;
  // Only reachable with a dl-accepts-missing-* flaw: a selection page with nowhere to send the result.
  if (!isObject(s) || typeof returnUrl !== 'string') {
    return page(200, 'Choose content', 'Pick the content to add to your course.', setCookies);
  }
  return autoPost(returnUrl, await signDeepLinkingResponse(ctx, request, s), setCookies);
}
