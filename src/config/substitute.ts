import { ConfigError, type ConfigIssue } from './issues.js';
import { formatPath, type PathSegment } from './path.js';

export type Env = Readonly<Record<string, string | undefined>>;

// `$${...}` (escape), or `${...}` possibly unclosed; the body is checked separately for a clear message.
const REF = /(\$?)\$\{([^}]*)(\}?)/g;
const BODY = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([\s\S]*))?$/;

function substituteString(text: string, env: Env, path: string, issues: ConfigIssue[]): string {
  return text.replace(REF, (whole, escape: string, body: string, close: string) => {
    if (escape === '$') return whole.slice(1);
    const m = close === '}' ? BODY.exec(body) : null;
    if (m === null) {
      issues.push({
        path,
        message: 'malformed variable reference (use ${NAME} or ${NAME:-default}; write $${ for a literal ${)',
      });
      return whole;
    }
    const name = m[1] ?? '';
    const fallback = m[2];
    const value = env[name];
    // Like the shell, `:-` also applies when the variable is set but empty.
    if (fallback !== undefined && (value === undefined || value === '')) return fallback;
    if (value === undefined) {
      issues.push({ path, message: `environment variable ${name} is not set` });
      return '';
    }
    return value;
  });
}

function walk(value: unknown, env: Env, segs: PathSegment[], issues: ConfigIssue[]): unknown {
  if (typeof value === 'string') return substituteString(value, env, formatPath(segs), issues);
  if (Array.isArray(value)) return value.map((v, i) => walk(v, env, [...segs, i], issues));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // defineProperty: an own `__proto__` key from JSON must stay a key (and be flagged), not a prototype.
      Object.defineProperty(out, k, { value: walk(v, env, [...segs, k], issues), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/**
 * Substitute `${NAME}` / `${NAME:-default}` in every string value of parsed config (keys are left alone).
 * Done after parsing so a value can never change the document's structure. Throws ConfigError listing
 * every unset variable with the field it was used in; values are never echoed.
 */
export function substituteEnv<T>(value: T, env: Env, source?: string): T {
  const issues: ConfigIssue[] = [];
  const out = walk(value, env, [], issues) as T;
  if (issues.length > 0) {
    const names = [...new Set(issues.map((i) => /variable (\w+) is not set/.exec(i.message)?.[1]).filter(Boolean))];
    const hint = names.length > 0 ? `Set ${names.join(', ')} or give a default: \${${names[0]}:-value}` : undefined;
    throw new ConfigError(issues, source, hint);
  }
  return out;
}
