import { Command, CommanderError, Option } from 'commander';
import type { RunFlags } from './options.js';
import { VERSION } from './version.js';
import { validate, validateCommand, type ValidateFlags } from './commands/validate.js';

// Command modules are imported lazily so `--help` stays fast (no jose, undici or ajv at start-up).

const EXAMPLES = `
Examples:
  $ lti-conform demo                          run the tool suite against the embedded reference tool
  $ lti-conform serve platform                print what your tool must register, then serve manual launches
  $ lti-conform test tool --report-junit reports/lti.xml --report-json reports/lti.json
  $ lti-conform test tool --grep 'rejects-(expired|alg)' -v
  $ lti-conform explain tool.launch.rejects-alg-none

Exit codes: 0 all passed, 1 a check failed or errored, 2 usage/config error, 3 aborted, 130 interrupted.
Configuration: lti-conform.config.{json,yaml,yml}, searched upward from the current folder (schema/config.schema.json).`;

function runOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'configuration file (default: search upward for lti-conform.config.*)')
    .option('--report-json <path>', 'write a CTRF JSON report ("-" = stdout)')
    .option('--report-junit <path>', 'write a JUnit XML report')
    .addOption(new Option('--reporter <name>', 'terminal output').choices(['default', 'verbose', 'dot', 'github', 'none']).default('default'))
    .option('--grep <regex>', 'run only scenarios whose "id title" matches')
    .option('--only <id...>', 'run only these scenario ids (repeatable; a trailing * matches a prefix)')
    .option('--bail [n]', 'stop after n failed scenarios (default 1)')
    .option('--timeout <ms>', 'per-step timeout in milliseconds (default 10000)')
    .addOption(new Option('--profile <name>', 'certification follows the official suite where it is stricter than the spec').choices(['certification', 'spec']))
    .option('--strict', 'warnings (SHOULD) fail the run too')
    .option('-q, --quiet', 'only failures in the progress output')
    .option('-v, --verbose', 'more detail (verbose reporter)')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour (also NO_COLOR=1)');
}

function program(setCode: (n: number) => void): Command {
  const run = (fn: () => Promise<number> | number) => async () => setCode(await fn());
  const p = new Command('lti-conform')
    .description('Headless conformance tests for 1EdTech LTI 1.3 / LTI Advantage tools and platforms')
    .version(VERSION, '-V, --version')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  const test = p.command('test').description('run the conformance suite against a target (tool or platform)');
  runOptions(test.command('tool').description('we emulate a platform; the target is a tool (launch suite)'))
    .action(async function (this: Command) {
      await run(async () => (await import('./commands/test-tool.js')).testTool(this.opts<RunFlags>()))();
    });
  runOptions(test.command('platform').description('we emulate a tool; the target is a platform (launches, refusals, tokens, AGS, NRPS)'))
    .action(async function (this: Command) {
      await run(async () => (await import('./commands/test-platform.js')).testPlatform(this.opts<RunFlags>()))();
    });
  runOptions(p.command('demo').argument('[role]', 'tool or platform (default: both)').description('run the suite against the embedded reference target; no config needed'))
    .action(async function (this: Command, role: string | undefined) {
      await run(async () => (await import('./commands/demo.js')).demo(role, this.opts<RunFlags>()))();
    });
  p.command('serve').argument('<role>', 'platform (we emulate a platform) or tool (we emulate a tool)').description('run one emulator alone and print the registration values the target needs')
    .option('-c, --config <file>', 'configuration file').option('--json', 'print the registration values as JSON')
    .action(async (role: string, o: { config?: string; json?: boolean }) => run(async () => (await import('./commands/serve.js')).serve(role, o))());
  p.command('list').description('list scenarios (same filters as test); no network')
    .option('--grep <regex>', 'filter by "id title"').option('--only <id...>', 'filter by id').option('--json', 'JSON output')
    .action(async (o: { grep?: string; only?: string[]; json?: boolean }) => run(async () => (await import('./commands/list.js')).list(o))());
  p.command('explain').argument('<id>', 'scenario or check id').description('what a scenario or check verifies, with spec references')
    .action(async (id: string) => run(async () => (await import('./commands/explain.js')).explain(id))());
  validateCommand(p).action(async (input: string, o: ValidateFlags) => run(() => validate(input, o))());
  p.command('keys').description('key utilities').command('generate').description('make an RS256 key pair: private JWK and PEM, public JWKS')
    .option('-o, --out <dir>', 'output folder', '.lti-conform/generated-keys').option('--kid <kid>', 'key id').option('--force', 'overwrite existing files')
    .action(async (o: { out: string; kid?: string; force?: boolean }) => run(async () => (await import('./commands/keys.js')).keysGenerate(o))());
  return p;
}

/** Runs the CLI; returns the exit code (DESIGN.md). Never lets a stack trace reach the user. */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  try {
    await program((n) => (code = n)).parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2; // commander already printed the message
    }
    const err = e as Error & { code?: string; hint?: string };
    const usageLike = err.code === 'ERR_USAGE' || err.code === 'ERR_CONFIG_INVALID' || err.code === 'ERR_PORT_IN_USE';
    process.stderr.write(`lti-conform: ${err.code && err.code !== 'ERR_USAGE' ? `${err.code}: ` : ''}${err.message}\n${err.hint ? `hint: ${err.hint}\n` : ''}`);
    if (!usageLike && process.env.LTI_CONFORM_DEBUG) process.stderr.write(`${err.stack ?? ''}\n`);
    return usageLike ? 2 : 3;
  }
}
