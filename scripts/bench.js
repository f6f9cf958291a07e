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

// 1. The suite through the real CLI, with a report to count what it did.
const dir = mkdtempSync(join(tmpdir(), 'lti-bench-'));
const report = join(dir, 'run.json');
timeCli(['demo', '--reporter', 'none', '--report-json', report]); // warm the disk cache
const suiteMs = median(Array.from({ length: RUNS }, () => timeCli(['demo', '--reporter', 'none'])));
const ctrf = JSON.parse(readFileSync(report, 'utf8'));
const tests = ctrf.results.tests;
let exchanges = 0;
let signatures = 0;
for (const t of tests) {
  const ev = t.extra['lti-conform'].evidence;
  exchanges += ev.exchanges.filter((x) => x.direction === 'outbound').length;
  signatures += ev.jwts.length;
}

// 2. The floor: a bare undici + jose script as its own process (start and imports included), same counts.
// It signs with the demo's persisted key, as the suite does.
const floorScript = new URL('./bare-floor.js', import.meta.url).pathname;
const keyFile = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'lti-conform', 'demo-keys.json');
const floor = (n, m) => median(Array.from({ length: RUNS }, () => {
  const t = performance.now();
  execFileSync(process.execPath, [floorScript, String(n), String(m), keyFile]);
  return performance.now() - t;
}));
const startMs = floor(0, 0);
const floorMs = floor(exchanges, signatures);

// 3. --help and peak RSS.
const helpMs = median(Array.from({ length: 10 }, () => timeCli(['--help'])));
const rss = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, 'demo', '--reporter', 'none'], { encoding: 'utf8' });
const peakRssMb = rss.status === 0 ? Number(rss.stderr.trim().split('\n').pop()) / 1024 : NaN;

const row = (k, v) => console.log(`${k.padEnd(44)} ${v}`);
row('scenarios', tests.length);
row('HTTP exchanges (outbound) / signatures', `${exchanges} / ${signatures}`);
row('full tool suite, CLI wall time (median)', `${suiteMs.toFixed(0)} ms`);
row('bare undici+jose script, same counts', `${floorMs.toFixed(0)} ms (of which node start and imports: ${startMs.toFixed(0)} ms)`);
row('ratio suite / floor', `${(suiteMs / floorMs).toFixed(2)}x`);
row('lti-conform --help (median of 10)', `${helpMs.toFixed(0)} ms`);
row('peak RSS, demo', Number.isNaN(peakRssMb) ? 'n/a (/usr/bin/time missing)' : `${peakRssMb.toFixed(0)} MB`);
