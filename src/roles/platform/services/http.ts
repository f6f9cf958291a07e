// Answer helpers shared by the services: every refusal is JSON {error, error_description}.
import { MEDIA_TYPE } from '../../../lti/vocab.js';
import { json, type InboundResponse } from '../../inbound-server.js';

export const refuse = (status: number, error: string, description: string, headers: Record<string, string> = {}): InboundResponse =>
  json(status, { error, error_description: description }, headers);

/** A JSON answer under one of the LTI service media types. */
export const typed = (status: number, mediaType: string, value: unknown, headers: Record<string, string> = {}): InboundResponse =>
  json(status, value, { ...headers, 'content-type': mediaType });

export const noContent = (): InboundResponse => ({ status: 204, headers: { 'cache-control': 'no-store' } });

/** The media type without parameters, lower-cased ('' when absent). */
export function mediaType(headers: Record<string, string>): string {
  return (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The expected media type, plain JSON or any +json type: real platforms accept these, the judge reports which. */
export function isJsonLike(headers: Record<string, string>, expected: string): boolean {
  const t = mediaType(headers);
  return t === expected || t === MEDIA_TYPE.json || t.endsWith('+json');
}

export type Parsed = { ok: true; value: Record<string, unknown> } | { ok: false; response: InboundResponse };

/** A JSON object body, or the 4xx a platform answers instead. */
export function readObject(headers: Record<string, string>, body: string, expected: string): Parsed {
  if (!isJsonLike(headers, expected)) {
    return { ok: false, response: refuse(415, 'invalid_request', `content type "${headers['content-type'] ?? ''}" is not ${expected}`) };
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return { ok: false, response: refuse(400, 'invalid_request', `body is not valid JSON (${(e as Error).message})`) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, response: refuse(400, 'invalid_request', 'body must be a JSON object') };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** A positive integer query value; undefined when absent, NaN when present but invalid. */
export function positiveInt(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  return /^[1-9]\d{0,6}$/.test(v) ? Number(v) : Number.NaN;
}
