import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * The one ajv instance for configuration. It coerces scalars (YAML is read with the failsafe schema, and
 * `${PORT}` substitutes a string), so it must not be shared with message validation, which must not coerce.
 */
export const configAjv = new Ajv({ allErrors: true, strict: true, strictRequired: false, coerceTypes: true, verbose: true });
// ajv-formats is CommonJS; under NodeNext its default import is the module object.
addFormatsModule.default(configAjv);

const SCHEMA_FILE = join('schema', 'config.schema.json');

/** Walk up from this module: works from src/config and from dist/src/config (schema/ ships at the root). */
export function configSchemaPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, SCHEMA_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${SCHEMA_FILE} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

let schema: Record<string, unknown> | undefined;
let validator: ValidateFunction | undefined;

export function configSchema(): Record<string, unknown> {
  schema ??= JSON.parse(readFileSync(configSchemaPath(), 'utf8')) as Record<string, unknown>;
  return schema;
}

export function configValidator(): ValidateFunction {
  validator ??= configAjv.compile(configSchema());
  return validator;
}
