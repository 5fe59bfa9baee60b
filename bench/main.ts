// `npm run bench:main [-- --runs N] [--checkout DIR] [--profile P]`: runs the main job (`npm start`: the smoke profile
// on the local target) N times, one after another, and prints per run and in the median: wall seconds, CPU seconds of
// the whole process tree (user + sys, from /usr/bin/time), test cases (the JUnit's testcases) and cases per
// CPU-second, and the runs that were not green. `--checkout DIR` runs another clone of the project (e.g. the commit
// before a change) so before and after are measured on the same machine in the same hour. A benchmark, not a test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../harness/util/paths.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    checkout: { type: 'string' },
    profile: { type: 'string', default: 'smoke' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: a positive integer, got ${values.runs}`);
const root = resolve(values.checkout ?? projectRoot());
if (!existsSync(join(root, 'bin', 'alternator-e2e.mjs'))) throw new Error(`--checkout: ${root} holds no bin/alternator-e2e.mjs`);
if (!existsSync('/usr/bin/time')) throw new Error('/usr/bin/time is needed to measure the CPU of the process tree (Debian package "time")');

interface Sample {
  wall: number;
  cpu: number;
  cases: number;
  code: number | null;
}

function once(): Sample {
  const reports = mkdtempSync(join(tmpdir(), 'alte2e-bench-main-'));
  const r = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %U %S', process.execPath, 'bin/alternator-e2e.mjs', 'run', '--profile', values.profile!, '--quiet', '--reports', reports], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const m = /BENCH ([\d.]+) ([\d.]+) ([\d.]+)/.exec(r.stderr);
  if (!m) throw new Error(`no timing from /usr/bin/time:\n${r.stderr.slice(-2000)}`);
  const junit = join(reports, 'latest', 'junit.xml');
  const cases = existsSync(junit) ? (readFileSync(realpathSync(junit), 'utf8').match(/<testcase /g)?.length ?? 0) : 0;
  // /usr/bin/time exits with the command's status.
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), cases, code: r.status };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const samples: Sample[] = [];
process.stdout.write(`main job (${values.profile} profile, local target) in ${root}, ${runs} run(s)\n\n run   wall s   CPU s   cases   cases/CPU-s   exit\n`);
for (let i = 1; i <= runs; i++) {
  const s = once();
  samples.push(s);
  process.stdout.write(`${String(i).padStart(4)} ${s.wall.toFixed(1).padStart(8)} ${s.cpu.toFixed(1).padStart(7)} ${String(s.cases).padStart(7)} ${(s.cases / s.cpu).toFixed(1).padStart(13)} ${String(s.code).padStart(6)}\n`);
}
const red = samples.filter((s) => s.code !== 0).length;
process.stdout.write(
  `\nmedian: wall ${median(samples.map((s) => s.wall)).toFixed(1)} s, CPU ${median(samples.map((s) => s.cpu)).toFixed(1)} s, ` +
    `${median(samples.map((s) => s.cases / s.cpu)).toFixed(1)} cases per CPU-second; red runs: ${red} of ${runs}\n`,
);
