// Placeholders in trigger configuration: {{name}} raw, {{name|url}} URL-encoded, {{name|json}} JSON-escaped.
import { HarnessError } from '../../core/errors.js';
import type { TemplateVars } from './types.js';

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const INNER = /^\s*([A-Za-z_][\w.-]*)\s*(?:\|\s*(\w+)\s*)?$/;
const FILTERS: Record<string, (v: string) => string> = {
  url: encodeURIComponent,
  json: (v) => JSON.stringify(v).slice(1, -1),
};

function where(triggerName: string | undefined): string {
  return triggerName === undefined ? '' : ` in triggers.${triggerName}`;
}

function knownNames(vars: TemplateVars): string {
  const names = Object.keys(vars).sort();
  return names.length ? `Known variables: ${names.join(', ')}.` : 'No variables are available in this scenario.';
}

/** Resolves one placeholder's inside ("launch.sub|url") to its value. */
function resolve(inner: string, vars: TemplateVars, triggerName?: string): string {
  const m = INNER.exec(inner);
  if (!m) {
    throw new HarnessError('ERR_TRIGGER_TEMPLATE', `malformed placeholder {{${inner}}}${where(triggerName)}`, 'Write {{name}}, {{name|url}} or {{name|json}}.');
  }
  const [, name = '', filter] = m;
  if (!Object.hasOwn(vars, name)) {
    throw new HarnessError('ERR_TRIGGER_TEMPLATE', `unknown template variable {{${name}}}${where(triggerName)}`, knownNames(vars));
  }
  const value = vars[name] ?? '';
  if (filter === undefined) return value;
  const fn = Object.hasOwn(FILTERS, filter) ? FILTERS[filter] : undefined;
  if (!fn) throw new HarnessError('ERR_TRIGGER_TEMPLATE', `unknown filter |${filter} in {{${inner.trim()}}}${where(triggerName)}`, 'Filters: |url, |json.');
  return fn(value);
}

/** Replaces every {{name}} / {{name|url}} / {{name|json}}; text without placeholders comes back unchanged. */
export function renderTemplate(text: string, vars: TemplateVars, triggerName?: string): string {
  return text.replace(PLACEHOLDER, (_all, inner: string) => resolve(inner, vars, triggerName));
}

/** POSIX single-quoting: the shell sees the value as one literal word. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

type QuoteState = 'none' | 'single' | 'double';

/** Advances a minimal sh lexer (quotes and backslashes only) over a literal stretch of the command. */
function scan(text: string, state: QuoteState): { state: QuoteState; escaped: boolean } {
  let escaped = false;
  for (const ch of text) {
    if (escaped) escaped = false;
    else if (state === 'single') state = ch === "'" ? 'none' : 'single';
    else if (ch === '\\') escaped = true;
    else if (ch === '"') state = state === 'double' ? 'none' : 'double';
    else if (ch === "'" && state === 'none') state = 'single';
  }
  return { state, escaped };
}

/**
 * Renders a shell command: each substituted value is single-quoted, so it reaches the program as one
 * literal argument. A placeholder the user put inside quotes (or after a backslash) is refused, as
 * quoting it again would change its meaning; "$LTI_CONFORM_<NAME>" is the alternative there.
 */
export function renderCommand(command: string, vars: TemplateVars, triggerName?: string): string {
  let out = '';
  let last = 0;
  let state: QuoteState = 'none';
  for (const m of command.matchAll(PLACEHOLDER)) {
    const literal = command.slice(last, m.index);
    const lexed = scan(literal, state);
    state = lexed.state;
    const inner = m[1] ?? '';
    const value = resolve(inner, vars, triggerName);
    if (state !== 'none' || lexed.escaped) {
      const name = INNER.exec(inner)?.[1] ?? inner;
      throw new HarnessError(
        'ERR_TRIGGER_TEMPLATE',
        `placeholder {{${inner.trim()}}} is inside quotes${where(triggerName)}`,
        `Values are single-quoted for you: write {{${inner.trim()}}} without quotes, or use "$${envName(name)}" instead.`,
      );
    }
    out += literal + shellQuote(value);
    last = m.index + m[0].length;
  }
  return out + command.slice(last);
}

/** launch.sub → LTI_CONFORM_LAUNCH_SUB */
export function envName(varName: string): string {
  return `LTI_CONFORM_${varName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export function envFor(vars: TemplateVars): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) env[envName(k)] = v;
  return env;
}
