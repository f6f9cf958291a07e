#!/usr/bin/env node
// Benchmark (not a test): wall time of the whole tool suite against the reference tool, process start
// included, next to a bare undici + jose script doing the same number of HTTP exchanges and RS256
// signatures on loopback. Also `--help` start-up time and peak RSS. Run `npm run build` first.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const bin = new URL('../bin/lti-conform.js', import.meta.url).pathname;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeCli(args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`lti-conform ${args.join(' ')} exited ${r.status}\n${r.stderr}`);
  return ms;
}

// 1-2. Each suite through the real CLI (a report counts what it did), next to its bare floor.
const dir = mkdtempSync(join(tmpdir(), 'lti-bench-'));
const floorScript = new URL('./bare-floor.js', import.meta.url).pathname;
const keyFile = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'lti-conform', 'demo-keys.json');
const floor = (n, m) => median(Array.from({ length: RUNS }, () => {
  const t = performance.now();
  execFileSync(process.execPath, [floorScript, String(n), String(m), keyFile]);
  return performance.now() - t;
}));

function measure(label, args) {
  const report = join(dir, `${label.replace(/\W+/g, '-')}.json`);
  timeCli([...args, '--reporter', 'none', '--report-json', report]); // warms the disk cache, counts the work
  const ms = median(Array.from({ length: RUNS }, () => timeCli([...args, '--reporter', 'none'])));
  const tests = JSON.parse(readFileSync(report, 'utf8')).results.tests;
  let exchanges = 0;
  let signatures = 0;
  for (const t of tests) {
    const ev = t.extra['lti-conform'].evidence;
    exchanges += ev.exchanges.filter((x) => x.direction === 'outbound').length;
    signatures += ev.jwts.length;
  }
  const bare = floor(exchanges, signatures);
  return { label, scenarios: tests.length, exchanges, signatures, ms, bare };
}

const suites = [
  measure('launch suite (tool.launch.*)', ['demo', 'tool', '--grep', '^tool\\.launch\\.']),
  measure('full tool suite', ['demo', 'tool']),
  measure('full platform suite', ['demo', 'platform']),
];
const startMs = floor(0, 0);

// 3. --help and peak RSS.
const helpMs = median(Array.from({ length: 10 }, () => timeCli(['--help'])));
const rss = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, 'demo', '--reporter', 'none'], { encoding: 'utf8' });
const peakRssMb = rss.status === 0 ? Number(rss.stderr.trim().split('\n').pop()) / 1024 : NaN;

const row = (k, v) => console.log(`${k.padEnd(44)} ${v}`);
for (const x of suites) {
  row(x.label, `${x.scenarios} scenarios, ${x.exchanges} HTTP exchanges, ${x.signatures} signatures`);
  row('  lti-conform, CLI wall time (median)', `${x.ms.toFixed(0)} ms`);
  row('  bare undici+jose script, same counts', `${x.bare.toFixed(0)} ms`);
  row('  ratio', `${(x.ms / x.bare).toFixed(2)}x`);
}
row('bare script start + imports alone', `${startMs.toFixed(0)} ms`);
row('lti-conform --help (median of 10)', `${helpMs.toFixed(0)} ms`);
row('peak RSS, demo of both roles', Number.isNaN(peakRssMb) ? 'n/a (/usr/bin/time missing)' : `${peakRssMb.toFixed(0)} MB`);
