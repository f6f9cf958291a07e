import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { HarnessError } from '../core/errors.js';
import { findJsonError } from './json-error.js';

export const CONFIG_EXTENSIONS = ['.json', '.yaml', '.yml'] as const;

/** 1-based line:col of a character offset. */
export function lineCol(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split(/\r\n|\r|\n/);
  return `${lines.length}:${(lines.at(-1)?.length ?? 0) + 1}`;
}

function parseError(file: string, where: string, reason: string): HarnessError {
  return new HarnessError('ERR_CONFIG_INVALID', `Cannot parse ${file} at ${where}: ${reason}`);
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const found = findJsonError(text) ?? { offset: text.length, reason: 'invalid JSON' };
    throw parseError(file, lineCol(text, found.offset), found.reason);
  }
}

function parseYaml(file: string, text: string): unknown {
  // failsafe: every scalar stays a string, so `deploymentId: 007` or a 19-digit client id survive intact;
  // the schema (with ajv's coercion) then decides which fields are numbers.
  const doc = parseDocument(text, { schema: 'failsafe', prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first !== undefined) {
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more)` : '';
    throw parseError(file, lineCol(text, first.pos[0]), `${first.message}${more}`);
  }
  return doc.toJS() as unknown;
}

/** Read and parse a config file by extension; every failure is ERR_CONFIG_INVALID naming the file. */
export async function readConfigFile(file: string): Promise<unknown> {
  const ext = extname(file).toLowerCase();
  if (!(CONFIG_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `Unsupported configuration file type: ${file}`,
      'Use a .json, .yaml or .yml file.',
    );
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new HarnessError('ERR_CONFIG_INVALID', `Configuration file not found: ${file}`);
    if (code === 'EISDIR') throw new HarnessError('ERR_CONFIG_INVALID', `Configuration path is a folder: ${file}`);
    throw new HarnessError('ERR_CONFIG_INVALID', `Cannot read ${file}: ${code ?? String(e)}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return ext === '.json' ? parseJson(file, text) : parseYaml(file, text);
}
