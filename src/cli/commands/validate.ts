import { Command, Option } from 'commander';
import { HarnessError } from '../../core/errors.js';
import { LTI11_SECRET_ENV, type Expected } from '../../validate/types.js';
import { parseProfile } from '../options.js';
import { VERSION } from '../version.js';

// Only commander and small helpers load at start-up; the checks (ajv) and jose load when the command runs.

export interface ValidateFlags extends Expected {
  type?: string;
  jwks?: string;
  now?: string;
  profile?: string;
  strict?: boolean;
  reportJson?: string;
  reportJunit?: string;
  color?: boolean;
}

/** The kind ids, for --help without loading the checks (a unit test keeps it equal to KINDS). */
export const KIND_IDS = [
  'resource-link', 'deep-linking-request', 'submission-review', 'deep-linking-response', 'client-assertion',
  'score', 'line-item', 'line-item-container', 'result-container', 'membership-container',
  'openid-configuration', 'registration-request', 'registration-response',
];


const HELP = `
The input is a JWT, a file holding a JWT or a JSON message, or - for stdin. Surrounding whitespace or quotes,
a "Bearer " prefix and an id_token= / JWT= form field are dropped. The JWT is decoded without its key; give
--jwks to verify the signature (the key is chosen by kid). The kind is detected (message_type, the client
assertion's iss = sub + jti, the shape of a JSON document) or named with --type.

Checks that compare with values you know run only when you give them (--issuer, --client-id, --deployment-id,
--nonce, --data, --token-url); without them they are listed as "not checked", naming the flag. An exp in the
past is a note ("expired 3 days ago at ..."), not a failure, so old log lines can still be explained.
An lti1p1 (LTI 1.1 migration) claim is verified when ${LTI11_SECRET_ENV}=<1.1 secret> is set in the
environment (a secret is never a flag).

Kinds (--type): ${KIND_IDS.join(', ')}

Examples:
  $ lti-conform validate eyJhbGciOiJSUzI1NiIs...               decode and judge a launch id_token
  $ lti-conform validate launch.jwt --jwks https://lms.example/.well-known/jwks.json \\
        --issuer https://lms.example --client-id tool-123 --deployment-id deploy-1
  $ pbpaste | lti-conform validate -                          read from stdin (e.g. a copied id_token=... field)
  $ lti-conform validate score.json                            an AGS score (detected from its members)
  $ lti-conform validate results.json --type result-container
  $ lti-conform validate old.jwt --now 1700000000 --report-json report.json

Exit codes: 0 valid (warnings allowed unless --strict), 1 a check failed, 2 unreadable input or usage error,
3 a report could not be written.`;

/** The `validate` command's arguments, flags and help. */
export function validateCommand(parent: Command): Command {
  return parent.command('validate')
    .argument('<jwt|file|->', 'a JWT, a file holding a JWT or JSON message, or - for stdin')
    .description('decode an LTI message (JWT or JSON) and judge it with the checks of its kind, citing the spec')
    .option('-t, --type <kind>', 'the message kind, when detection is not wanted (see the list below)')
    .option('--jwks <url|file>', 'key set that verifies the JWT signature (key selected by kid)')
    .option('--issuer <url>', 'the platform issuer the message must name (iss, or aud of tool messages)')
    .option('--client-id <id>', 'the tool client_id the message must name (aud, azp, or iss of tool messages)')
    .option('--deployment-id <id>', 'the deployment_id the message must carry')
    .option('--nonce <value>', 'the nonce the id_token must carry')
    .option('--data <value>', 'the data of the deep-linking request a response must echo')
    .option('--token-url <url>', 'the token endpoint a client assertion must name in aud')
    .option('--now <epoch-seconds>', 'judge time-dependent claims at this time (default: now)')
    .addOption(new Option('--profile <name>', 'certification follows the official suite where it is stricter than the spec').choices(['certification', 'spec']))
    .option('--strict', 'warnings (SHOULD) fail too')
    .option('--report-json <path>', 'write a CTRF JSON report ("-" = stdout; the text report then goes to stderr)')
    .option('--report-junit <path>', 'write a JUnit XML report')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour (also NO_COLOR=1)')
    .addHelpText('after', HELP);
}

function parseNow(v: string | undefined): number {
  if (v === undefined) return Math.floor(Date.now() / 1000);
  if (!/^\s*\d{1,12}\s*$/.test(v)) throw new HarnessError('ERR_USAGE', `--now takes seconds since the epoch (e.g. 1700000000), not "${v}"`);
  return Number(v);
}

/** `lti-conform validate <jwt | file | ->`: decode one message, judge it with the checks of its kind. */
export async function validate(arg: string, flags: ValidateFlags): Promise<number> {
  const started = new Date();
  const t0 = performance.now();
  const now = parseNow(flags.now);
  const profile = parseProfile(flags.profile);
  const [{ parseMessage, readInput }, { renderValidation }, { runOf, validateMessage }, { exitCodeFor }, report] = await Promise.all([
    import('../../validate/input.js'), import('../../validate/render.js'), import('../../validate/run.js'), import('../../core/result.js'), import('../../report/index.js'),
  ]);
  const { text, source } = await readInput(arg);
  const message = parseMessage(text);
  const expected: Expected = {};
  for (const k of ['issuer', 'clientId', 'deploymentId', 'nonce', 'data', 'tokenUrl'] as const) if (flags[k] !== undefined) expected[k] = flags[k];
  const v = await validateMessage(message, { ...(flags.type ? { type: flags.type } : {}), ...(flags.jwks ? { jwks: flags.jwks } : {}), expected, now, profile, ...(process.env[LTI11_SECRET_ENV] ? { lti11Secret: process.env[LTI11_SECRET_ENV] } : {}) });

  const out = flags.reportJson === '-' ? process.stderr : process.stdout;
  const color = report.resolveColor({ ...(flags.color !== undefined ? { flag: flags.color } : {}), env: process.env, isTTY: Boolean(out.isTTY) });
  out.write(`${renderValidation(v, { color, source })}\n`);

  const run = runOf([v], { version: VERSION, profile, strict: Boolean(flags.strict), startedAt: started.toISOString(), durationMs: Math.round(performance.now() - t0), source });
  if (run.strict && exitCodeFor(run) === 1 && !v.judgement.checks.some((c) => c.status === 'failed')) out.write('Strict mode: warnings fail this validation.\n');
  let written = true;
  for (const [path, render] of [[flags.reportJson, () => report.ctrfJson(run)], [flags.reportJunit, () => report.toJunit(run)]] as const) {
    if (!path) continue;
    try {
      await report.writeReport(path, render());
    } catch (e) {
      process.stderr.write(`lti-conform: cannot write report ${path}: ${(e as Error).message}\n`);
      written = false;
    }
  }
  return written ? exitCodeFor(run) : 3;
}
