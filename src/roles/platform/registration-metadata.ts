// What a tool's Dynamic Registration request means for the emulator: which required members are missing
// (refused per RFC 7591 §3.2.2) and the launch registration it produces. Judging the request is the
// checks' job (src/checks/registration); this only decides what a careful platform would answer.
import { DR, MESSAGE_TYPE } from '../../lti/vocab.js';
import type { ToolRegistration } from './emulator.js';

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function isHttpUrl(v: unknown): v is string {
  if (!isString(v)) return false;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The RFC 7591 error a platform answers a registration it cannot use with, or undefined. */
export function refusalOf(metadata: unknown): { error: string; description: string } | undefined {
  if (!isObject(metadata)) return { error: DR.errorInvalidClientMetadata, description: 'the body is not a JSON object' };
  const uris = metadata.redirect_uris;
  if (!Array.isArray(uris) || uris.length === 0 || !uris.every(isHttpUrl)) return { error: DR.errorInvalidRedirectUri, description: 'redirect_uris must be a non-empty array of http(s) URLs' };
  for (const name of ['initiate_login_uri', 'jwks_uri'] as const)
    if (!isHttpUrl(metadata[name])) return { error: DR.errorInvalidClientMetadata, description: `${name} must be an http(s) URL` };
  const config = metadata[DR.toolConfiguration];
  if (!isObject(config)) return { error: DR.errorInvalidClientMetadata, description: `${DR.toolConfiguration} is missing` };
  if (!isHttpUrl(config.target_link_uri)) return { error: DR.errorInvalidClientMetadata, description: `${DR.toolConfiguration}.target_link_uri must be an http(s) URL` };
  return undefined;
}

/** Message entries of the tool configuration (malformed entries dropped). */
export function messagesOf(metadata: Json): Json[] {
  const config = metadata[DR.toolConfiguration];
  const messages = isObject(config) ? config.messages : undefined;
  return Array.isArray(messages) ? messages.filter(isObject) : [];
}

/** Scopes asked for in the space-separated `scope` member. */
export function scopesOf(metadata: Json): string[] {
  return typeof metadata.scope === 'string' ? metadata.scope.split(' ').filter((s) => s.length > 0) : [];
}

function messageTarget(metadata: Json, type: string, fallback: string): string | undefined {
  const m = messagesOf(metadata).find((x) => x.type === type);
  if (!m) return undefined;
  return isHttpUrl(m.target_link_uri) ? m.target_link_uri : fallback;
}

/** The launch registration an accepted request produces (call only when refusalOf gave undefined). */
export function registrationOf(metadata: Json, clientId: string, deploymentId: string): ToolRegistration {
  const config = metadata[DR.toolConfiguration] as Json;
  const targetLinkUri = config.target_link_uri as string;
  const deepLinkingUrl = messageTarget(metadata, MESSAGE_TYPE.deepLinkingRequest, targetLinkUri);
  const submissionReviewUrl = messageTarget(metadata, MESSAGE_TYPE.submissionReview, targetLinkUri);
  return {
    clientId, deploymentId,
    redirectUris: (metadata.redirect_uris as string[]).slice(),
    loginInitiationUrl: metadata.initiate_login_uri as string,
    targetLinkUri,
    jwksUrl: metadata.jwks_uri as string,
    ...(deepLinkingUrl ? { deepLinkingUrl } : {}),
    ...(submissionReviewUrl ? { submissionReviewUrl } : {}),
  };
}

/**
 * A configuration issuer that does not match a configuration URL on `base`: another name of the same
 * loopback host (127.0.0.1 and localhost reach the same emulator but are different issuer identifiers),
 * or, for a public host, a sibling name that is not ours.
 */
export function mismatchedIssuer(base: string): string {
  const u = new URL(base);
  const host = u.hostname;
  u.hostname = host === 'localhost' ? '127.0.0.1' : host === '127.0.0.1' || host === '[::1]' ? 'localhost' : `not-${host}`;
  return u.toString().replace(/\/+$/, '');
}
