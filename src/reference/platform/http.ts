// Request bodies: size limit, form and JSON parsing, media types. No LTI logic here.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { MEDIA_TYPE, MULTIPART_FORM_DATA } from '../../lti/vocab.js';
import { BodyError, readText as readShared } from '../shared/http.js';
import { jsonError, refuse, type Reply } from './html.js';

export { BodyError } from '../shared/http.js';


/** What a service handler sees of a request. */
export interface ServiceRequest {
  method: string;
  /** Absolute URL on the issuer (query included). */
  url: URL;
  headers: IncomingHttpHeaders;
  text(): Promise<string>;
}

/** A body up to the shared limit; `tooLarge` is the reply when it is bigger. */
export function readText(req: IncomingMessage, tooLarge: Reply = refuse(413, 'request body is too large')): Promise<string> {
  return readShared(req, tooLarge);
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** A form body: url-encoded, or multipart (an auto-submitted form may use either). */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const contentType = req.headers['content-type'] ?? '';
  const type = mediaType(contentType);
  const text = await readText(req);
  if (text.length === 0) return new URLSearchParams();
  if (type === MEDIA_TYPE.formUrlEncoded) return new URLSearchParams(text);
  if (type === MULTIPART_FORM_DATA) {
    try {
      const data = await new Response(text, { headers: { 'content-type': contentType } }).formData();
      const out = new URLSearchParams();
      for (const [k, v] of data) if (typeof v === 'string') out.append(k, v);
      return out;
    } catch {
      throw new BodyError(refuse(400, 'the multipart body cannot be parsed'));
    }
  }
  throw new BodyError(refuse(415, 'expected a form body'));
}

export type JsonBody = { ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply };

/** A JSON object body of one of `types` (media types without parameters). */
export async function readJsonObject(req: ServiceRequest, types: readonly string[]): Promise<JsonBody> {
  const type = mediaType(req.headers['content-type']);
  if (!types.includes(type)) {
    return { ok: false, reply: jsonError(415, 'unsupported_media_type', `Content-Type must be one of ${types.join(', ')}`) };
  }
  let value: unknown;
  try {
    value = JSON.parse(await req.text()) as unknown;
  } catch {
    return { ok: false, reply: jsonError(400, 'invalid_request', 'the body is not JSON') };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reply: jsonError(400, 'invalid_request', 'the body must be a JSON object') };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
