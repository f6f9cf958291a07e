import { Chalk } from 'chalk';
import { claimName } from '../checks/platform/input.js';
import type { CheckResult } from '../core/result.js';
import { CLAIM } from '../lti/vocab.js';
import { checkLines, compactJson, oneLine, type Paint } from '../report/format.js';
import { formatRef } from '../spec/specs.js';
import type { NotChecked } from './judge.js';
import type { Validation } from './run.js';

// The terminal view of one validated message: each header member and claim with the checks that judged it,
// then the checks on the whole message. Findings use the same lines as the run reports (src/report/format.ts).

/** Check id property segments that name a claim by its short form. */
const SEGMENT_CLAIM: Record<string, string> = {
  'deployment-id': CLAIM.deploymentId, 'message-type': CLAIM.messageType, version: CLAIM.version, 'resource-link': CLAIM.resourceLink,
  'target-link-uri': CLAIM.targetLinkUri, roles: CLAIM.roles, 'role-scope-mentor': CLAIM.roleScopeMentor, context: CLAIM.context,
  'tool-platform': CLAIM.toolPlatform, 'launch-presentation': CLAIM.launchPresentation, custom: CLAIM.custom, ags: CLAIM.ags, nrps: CLAIM.nrps,
  settings: CLAIM.deepLinkingSettings, data: CLAIM.dlData, 'content-items': CLAIM.dlContentItems,
};
const HEADER_SEGMENTS = new Set(['alg', 'kid', 'signature']);

type Entry = { kind: 'result'; c: CheckResult } | { kind: 'not-checked'; n: NotChecked };

/** Where a check belongs: `header:alg`, a payload claim key, or undefined for the whole message. */
function placeOf(id: string, payload: Record<string, unknown>): string | undefined {
  const segment = id.split('.')[1] ?? '';
  if (HEADER_SEGMENTS.has(segment)) return `header:${segment}`;
  const claim = SEGMENT_CLAIM[segment];
  if (claim) return claim;
  const plain = segment.replace(/-/g, '_');
  return ['iss', 'aud', 'azp', 'exp', 'iat', 'nonce', 'sub', 'jti'].includes(plain) || plain in payload ? plain : undefined;
}

function refsLine(c: { refs: CheckResult['refs'] }, p: Paint): string {
  return p.gray(c.refs.map(formatRef).join('; '));
}

function entryLines(e: Entry, p: Paint): string[] {
  if (e.kind === 'not-checked') {
    const n = e.n;
    return [`${p.gray('-')} ${p.bold(n.id)} ${oneLine(n.title)} ${p.gray('[not checked]')}`, `    ${refsLine(n, p)}`, `    ${p.gray(oneLine(n.why))}`];
  }
  const c = e.c;
  if (c.status !== 'passed') return checkLines(c, p);
  const lines = [`${p.green('✓')} ${p.bold(c.id)} ${oneLine(c.title)}`, `    ${refsLine(c, p)}`];
  if (c.message) lines.push(`    ${p.gray(oneLine(c.message, 2000))}`);
  return lines;
}

const indent = (lines: string[], pad: string): string[] => lines.map((l) => pad + l);

/** The report for one validation, as lines (no trailing newline). */
export function renderValidation(v: Validation, o: { color: boolean; source: string }): string {
  const p: Paint = new Chalk({ level: o.color ? 1 : 0 });
  const { message, judgement } = v;
  const entries: Entry[] = [...judgement.checks.map((c): Entry => ({ kind: 'result', c })), ...judgement.notChecked.map((n): Entry => ({ kind: 'not-checked', n }))];
  const how = v.by === 'type' ? 'chosen with --type' : message.form === 'jwt' && message.payload[CLAIM.messageType] !== undefined ? 'detected from message_type' : 'detected from its shape';
  const out = [p.bold(`${v.kind.title}`) + p.gray(` (${how}; sent by a ${v.kind.sender}; from ${o.source})`), ''];

  const payload = message.form === 'jwt' ? message.payload : {};
  const byPlace = new Map<string | undefined, Entry[]>();
  for (const e of entries) {
    const place = placeOf(e.kind === 'result' ? e.c.id : e.n.id, payload);
    byPlace.set(place, [...(byPlace.get(place) ?? []), e]);
  }
  const block = (label: string, value: string, list: Entry[] | undefined): string[] => [
    `  ${p.cyan(label)}: ${value}`,
    ...(list ?? []).flatMap((e) => indent(entryLines(e, p), '      ')),
  ];

  if (message.form === 'jwt') {
    out.push(p.bold('header'));
    const headerKeys = [...new Set([...Object.keys(message.header), 'alg', 'kid'])];
    for (const k of headerKeys) out.push(...block(k, k in message.header ? compactJson(message.header[k], 160) : p.gray('(absent)'), byPlace.get(`header:${k}`)));
    const sig = v.signature;
    const sigText = sig ? (sig.signatureValid ? p.green('verified with --jwks') : p.red(`does not verify with --jwks: ${oneLine(sig.verifyError ?? 'bad signature', 200)}`)) : p.gray('not verified (give --jwks <url|file>)');
    out.push(...block('signature', `${p.gray('(not shown)')} ${sigText}`, byPlace.get('header:signature')), '', p.bold('claims'));
    const referenced = [...byPlace.keys()].filter((k): k is string => k !== undefined && !k.startsWith('header:'));
    for (const k of [...new Set([...Object.keys(payload), ...referenced])]) {
      out.push(...block(claimName(k), k in payload ? compactJson(payload[k], 160) : p.gray('(absent)'), byPlace.get(k)));
    }
  } else {
    out.push(p.bold('document'));
    const value = message.value;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, x] of Object.entries(value)) out.push(`  ${p.cyan(k)}: ${compactJson(x, 160)}`);
    } else {
      out.push(`  ${Array.isArray(value) ? `an array of ${value.length} item(s)` : compactJson(value, 160)}`);
    }
  }
  const whole = byPlace.get(undefined) ?? [];
  if (whole.length) out.push('', p.bold(message.form === 'jwt' ? 'whole message' : 'checks'), ...whole.flatMap((e) => indent(entryLines(e, p), '  ')));

  const count = (s: CheckResult['status']): number => judgement.checks.filter((c) => c.status === s).length;
  const failed = count('failed');
  const verdict = failed > 0 ? p.red('✗ invalid') : count('warned') > 0 ? p.yellow('✓ valid, with warnings') : p.green('✓ valid');
  const counts = [p.green(`${count('passed')} passed`), (failed ? p.red : (s: string) => s)(`${failed} failed`), `${count('warned')} warnings`, `${count('info')} notes`, `${judgement.notChecked.length} not checked`];
  out.push('', `${verdict}: ${counts.join(', ')}`);
  return out.join('\n');
}
