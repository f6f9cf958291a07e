// Deep linking requests for the reference tool, and a reader for its auto-post answer.
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { CLAIM, MESSAGE_TYPE } from '../../../src/lti/vocab.js';
import type { RunningReferenceTool } from '../../../src/reference/tool/index.js';
import { login, loginParams, postForm, type FakePlatform } from './fake-platform.js';

export const DATA = 'csrf-"opaque"/é&<x>';

export function dlSettings(p: FakePlatform, change: Record<string, unknown> = {}): Record<string, unknown> {
  const settings: Record<string, unknown> = {
    deep_link_return_url: `${p.issuer}/dl/return?session=s-1&x=1`,
    accept_types: ['link', 'ltiResourceLink', 'file', 'html', 'image'],
    accept_presentation_document_targets: ['iframe', 'window'],
    accept_media_types: 'image/*,text/html',
    accept_multiple: true,
    data: DATA,
    ...change,
  };
  for (const k of Object.keys(settings)) if (settings[k] === undefined) delete settings[k];
  return settings;
}

/** A valid LtiDeepLinkingRequest; `settings` undefined leaves the settings claim out. */
export function dlPayload(p: FakePlatform, tool: RunningReferenceTool, nonce: string, settings: Record<string, unknown> | undefined): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    ...p.payload(tool, nonce),
    [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingRequest,
    [CLAIM.targetLinkUri]: tool.deepLinkingUrl,
  };
  delete payload[CLAIM.resourceLink];
  if (settings !== undefined) payload[CLAIM.deepLinkingSettings] = settings;
  return payload;
}

export interface DeepLinkAnswer {
  status: number;
  body: string;
  onload: boolean;
  method: string | undefined;
  action: string | undefined;
  fields: [string, string][];
  jwt: string | undefined;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

const unescape = (s: string): string => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');
const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m?.[1] === undefined ? undefined : unescape(m[1]);
};

export function readAutoPost(status: number, body: string): DeepLinkAnswer {
  const form = /<form\b[^>]*>/i.exec(body)?.[0] ?? '';
  const fields = [...body.matchAll(/<input\b[^>]*>/gi)].map((m): [string, string] => [attr(m[0], 'name') ?? '', attr(m[0], 'value') ?? '']);
  const jwt = fields.find(([n]) => n === 'JWT')?.[1];
  let header: Record<string, unknown> = {};
  let payload: Record<string, unknown> = {};
  if (jwt !== undefined) {
    header = decodeProtectedHeader(jwt) as Record<string, unknown>;
    payload = decodeJwt(jwt) as Record<string, unknown>;
  }
  return {
    status, body, fields, jwt, header, payload,
    onload: body.includes('<body onload="document.forms[0].submit()">'),
    method: attr(form, 'method'),
    action: attr(form, 'action'),
  };
}

/** Login for the deep linking URL, then the request; `change` edits the payload (undefined deletes). */
export async function deepLink(
  p: FakePlatform,
  tool: RunningReferenceTool,
  settings: Record<string, unknown> | undefined,
  change: Record<string, unknown> = {},
): Promise<DeepLinkAnswer> {
  const l = await login(p, tool, { ...loginParams(p, tool), target_link_uri: tool.deepLinkingUrl });
  const payload = { ...dlPayload(p, tool, l.nonce, settings), ...change };
  for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
  const res = await postForm(tool.launchUrl, { id_token: await p.sign({ kid: p.current.kid }, payload), state: l.state }, l.cookie);
  return readAutoPost(res.status, res.body);
}

/** Verifies with the keys the tool publishes, as a platform would. */
export async function verifyWithToolJwks(tool: RunningReferenceTool, jwt: string): Promise<JWTPayload> {
  const { payload } = await jwtVerify(jwt, createRemoteJWKSet(new URL(tool.jwksUrl)), { algorithms: ['RS256'] });
  return payload;
}

export const items = (a: DeepLinkAnswer): Record<string, unknown>[] =>
  (a.payload[CLAIM.dlContentItems] as Record<string, unknown>[] | undefined) ?? [];
export const types = (a: DeepLinkAnswer): unknown[] => items(a).map((i) => i.type);
