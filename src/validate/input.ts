import { readFile, stat } from 'node:fs/promises';
import { HarnessError } from '../core/errors.js';
import { redactText } from '../core/redact.js';
import type { Message } from './types.js';

// Reading what the user gave `validate`: a JWT, a file holding a JWT or JSON, or stdin. Every problem is one
// line and exit 2 (ERR_USAGE); the text itself is never echoed beyond a short, redacted prefix.

/** Larger inputs are refused: no LTI message comes near this. */
export const MAX_INPUT_BYTES = 1024 * 1024;

const bad = (message: string, hint?: string): HarnessError => new HarnessError('ERR_USAGE', message, hint);

const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;

/** A short, signature-free glimpse of the input, for error messages. */
export function glimpse(text: string, max = 40): string {
  const t = redactText(text.trim()).replace(/[^\x20-\x7e]/g, '?');
  return JSON.stringify(t.length > max ? `${t.slice(0, max)}…` : t);
}

async function readStdin(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > MAX_INPUT_BYTES) throw bad(`stdin holds more than ${mb(MAX_INPUT_BYTES)}; validate reads at most ${mb(MAX_INPUT_BYTES)}`, 'Pass one message (a JWT or a JSON document), not a whole log.');
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

async function fileOrUndefined(arg: string): Promise<Buffer | undefined> {
  // A JWT or JSON given inline is not a path; stat may fail with ENAMETOOLONG for long ones.
  const s = await stat(arg).catch(() => undefined);
  if (!s) return undefined;
  if (s.isDirectory()) throw bad(`${arg} is a folder, not a file holding a message`);
  if (s.size > MAX_INPUT_BYTES) throw bad(`${arg} is ${mb(s.size)}; validate reads at most ${mb(MAX_INPUT_BYTES)}`, 'Pass one message (a JWT or a JSON document), not a whole log.');
  try {
    return await readFile(arg);
  } catch (e) {
    throw bad(`cannot read ${arg}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function text(bytes: Buffer, source: string): string {
  if (bytes.includes(0)) throw bad(`${source} is binary data, not a JWT or JSON text`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw bad(`${source} is not UTF-8 text (binary data?), not a JWT or JSON`);
  }
}

/** The raw text to validate and where it came from ("stdin", the file name, or "the argument"). */
export async function readInput(arg: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<{ text: string; source: string }> {
  if (arg === '-') return { text: text(await readStdin(stdin), 'stdin'), source: 'stdin' };
  const file = await fileOrUndefined(arg);
  if (file) return { text: text(file, arg), source: arg };
  if (Buffer.byteLength(arg) > MAX_INPUT_BYTES) throw bad(`the argument is larger than ${mb(MAX_INPUT_BYTES)}`);
  return { text: arg, source: 'the argument' };
}

/** Drops what often surrounds a message copied from a log: whitespace, quotes, `Bearer `, `id_token=`/`JWT=` form fields. */
export function unwrap(raw: string): string {
  let t = raw.trim();
  if (/^(["']).*\1$/s.test(t) && t.length >= 2) t = t.slice(1, -1).trim();
  t = t.replace(/^Bearer\s+/i, '');
  const field = /^(?:id_token|JWT|client_assertion)=([^&\s]*)/i.exec(t);
  if (field) {
    try {
      t = decodeURIComponent(field[1]!.replace(/\+/g, ' '));
    } catch {
      t = field[1]!;
    }
  }
  return t.trim();
}

const B64URL = /^[A-Za-z0-9_-]*$/;

function segment(part: string, name: string): Record<string, unknown> {
  if (!B64URL.test(part)) throw bad(`the JWT ${name} is not base64url (characters other than A-Z a-z 0-9 - _)`);
  if (part.length % 4 === 1) throw bad(`the JWT ${name} is not valid base64url (truncated?)`);
  const json = Buffer.from(part, 'base64url').toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw bad(`the JWT ${name} does not decode to JSON (truncated or not a JWT?)`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw bad(`the JWT ${name} is not a JSON object`);
  return value as Record<string, unknown>;
}

function parseJson(t: string): Message {
  try {
    return { form: 'json', value: JSON.parse(t) as unknown, text: t };
  } catch (e) {
    // Node's message may quote the input: keep it short and signature-free.
    const why = redactText((e as Error).message).split('\n')[0]!.slice(0, 120);
    throw bad(`the input starts like JSON but is not valid JSON: ${why}`);
  }
}

/** Decodes the text into a JWT (header and payload) or a JSON document; anything else is a usage error. */
export function parseMessage(raw: string): Message {
  const t = unwrap(raw);
  if (t === '') throw bad('the input is empty: give a JWT, a file holding a JWT or JSON, or - for stdin');
  if (/^[[{]/.test(t)) return parseJson(t);
  const parts = t.split('.');
  if (parts.length === 5) throw bad('the input is an encrypted JWT (JWE, 5 parts); validate reads signed JWTs (JWS) only');
  if (parts.length !== 3 || /\s/.test(t)) {
    const hint = parts.length === 2 ? ' (truncated?)' : '';
    throw bad(`the input is neither a JWT (header.payload.signature) nor JSON: found ${parts.length} dot-separated part(s)${hint}, starting ${glimpse(t)}`, 'Give the JWT itself, a file holding it or a JSON message, or - to read stdin.');
  }
  const header = segment(parts[0]!, 'header');
  const payload = segment(parts[1]!, 'payload');
  if (!B64URL.test(parts[2]!)) throw bad('the JWT signature is not base64url (characters other than A-Z a-z 0-9 - _)');
  return { form: 'jwt', header, payload, token: t };
}
