// `alternator-e2e load` and `run --load`, spawned: reports on disk, and --fail-on-regression against a baseline.
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, writeFileSync, mkdtempSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runCli } from '../helpers/cli.ts';
import { checkWorkers, select, type RunFlags } from '../../harness/cli/run-command.ts';
import type { Target } from '../../harness/targets/target.ts';
import type { LoadRequest } from '../../harness/run/load-phase.ts';

const flags: RunFlags = { profile: 'smoke', target: 'local', variant: [], suite: [] };

const small = ['--variant', 'defaults', '--workload', 'a', '--duration', '1', '--records', '100', '--concurrency', '2', '--quiet'];

describe('load command', () => {
  it('writes load/<variant>.json, load.html and the load section of summary.md; a faster baseline makes --fail-on-regression exit 1', async () => {
    const first = await runCli(['load', ...small]);
    expect(first.code).toBe(0);
    const dir = first.runDir();
    for (const f of ['load/defaults.json', 'load.html', 'summary.md', 'index.html', 'junit.xml']) expect(existsSync(join(dir, f)), f).toBe(true);
    const file = JSON.parse(readFileSync(join(dir, 'load', 'defaults.json'), 'utf8'));
    const report = file.reports[0];
    expect(report.workload).toBe('A');
    expect(report.totals.count).toBeGreaterThan(0);
    expect(Object.keys(report.operations)).toEqual(expect.arrayContaining(['read', 'update']));
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/## Load/);
    // The console ends with the load table, not the suites' totals a load run has none of.
    const tail = first.stdout.trimEnd().split('\n').slice(-3);
    expect(tail[0]).toMatch(/^variant\s+workload\s+operation\s+ops\/s\s+errors\s+p50 ms\s+p99 ms\s+p99\.9 ms$/);
    expect(tail.slice(1).map((l) => l.split(/\s{2,}/).slice(0, 3))).toEqual([
      ['defaults (always_use_lwt)', 'A', 'read'],
      ['defaults (always_use_lwt)', 'A', 'update'],
    ]);
    for (const line of tail.slice(1)) expect(line).toMatch(/\s[\d,]+\s+0\s+[\d.]+\s+[\d.]+\s+[\d.]+$/);
    expect(first.stdout).not.toMatch(/Suites ran in|\d+ passed, \d+ failed/);

    // A baseline that was ten times faster: the same run now is a throughput regression.
    const baseDir = mkdtempSync(join(tmpdir(), 'alte2e-baseline-'));
    mkdirSync(join(baseDir, 'load'));
    for (const r of file.reports) {
      r.totals.throughput *= 10;
      for (const op of Object.values(r.operations) as Array<{ throughput: number }>) op.throughput *= 10;
    }
    writeFileSync(join(baseDir, 'load', 'defaults.json'), JSON.stringify(file));
    const second = await runCli(['load', ...small, '--baseline', baseDir, '--fail-on-regression']);
    expect(second.code).toBe(1);
    expect(second.stdout).toMatch(/Load: [1-9]\d* regression/);
    const withoutFlag = await runCli(['load', ...small, '--baseline', baseDir]);
    expect(withoutFlag.code).toBe(0);

    // load.html: the local target emulates ScyllaDB, and the page says so, with the versions it emulated.
    const page = readFileSync(join(dir, 'load.html'), 'utf8');
    expect(page).toContain('Emulated, not deployed:');
    expect(page).toMatch(/<td>\d{4}\.\d+\.\d+ <small>\(emulated\)<\/small><\/td>/);
    expect(report.runner.class).toMatch(/\d+ CPU, \d+ GiB/);

    // A baseline measured with other parameters and on another class of machine: the gate compares nothing, exit 2.
    const otherDir = mkdtempSync(join(tmpdir(), 'alte2e-baseline-other-'));
    mkdirSync(join(otherDir, 'load'));
    for (const r of file.reports) {
      r.parameters.concurrency = 64;
      r.runner = { class: 'another-runner', cpus: 64, memoryGiB: 256 };
    }
    writeFileSync(join(otherDir, 'load', 'defaults.json'), JSON.stringify(file));
    const gate = await runCli(['load', ...small, '--baseline', otherDir, '--fail-on-regression']);
    expect(gate.code).toBe(2);
    expect(gate.stdout).toMatch(/Load: 0 regression\(s\) in 0 compared variant\/workload pair\(s\), 1 incomparable/);
    expect(gate.stdout).toMatch(/incomparable defaults · A: concurrency 64 -> 2; runner class "another-runner" -> ".*"/);
    expect(gate.stdout).toMatch(/error: --fail-on-regression compared nothing: .*concurrency 64 -> 2; runner class "another-runner"/);
    // Without the gate the run stays what it was (exit 0), the incomparable row counted and printed all the same.
    const ungated = await runCli(['load', ...small, '--baseline', otherDir]);
    expect(ungated.code).toBe(0);
    expect(ungated.stdout).toMatch(/1 incomparable/);
  });

  it('--workers on a target that cannot run Kubernetes Jobs is a usage error (exit 2) before anything is deployed', async () => {
    const r = await runCli(['load', '--workload', 'a', '--workers', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--workers: target local cannot run load workers as a Kubernetes Job.*--target kind or --target kubeconfig/);
    expect(r.stderr).not.toMatch(/deploying/);
  });

  it('--workers is checked: a count from 1 to 256, only with a load phase, not with --threads', () => {
    const kube = { name: 'kind', clusterLoad: true } as unknown as Target;
    const load = { phase: {} } as LoadRequest;
    expect(() => checkWorkers({ ...flags, workers: 3 }, kube, load)).not.toThrow();
    expect(() => checkWorkers({ ...flags, workers: 0 }, kube, load)).toThrow(/--workers: must be an integer from 1 to 256; got 0/);
    expect(() => checkWorkers({ ...flags, workers: Number('x') }, kube, load)).toThrow(/--workers: must be an integer/);
    expect(() => checkWorkers({ ...flags, workers: 3 }, kube, undefined)).toThrow(/--workers: applies to the load phase only; fix: add --load/);
    expect(() => checkWorkers({ ...flags, workers: 3, threads: 2 }, kube, load)).toThrow(/--threads/);
    expect(() => checkWorkers({ ...flags, workers: 3 }, { name: 'container' } as unknown as Target, load)).toThrow(/target container cannot/);
    expect(() => checkWorkers(flags, { name: 'local' } as unknown as Target, load)).not.toThrow();
  });

  it('--load-image reaches the Kubernetes targets\' options, validated there', async () => {
    await expect(select({ ...flags, target: 'kind', loadImage: 'not an image!' })).rejects.toThrow(/kind\.loadImage: must be a container image reference/);
    expect((await select({ ...flags, target: 'kind', loadImage: 'localhost/x:1' })).target.clusterLoad).toBe(true);
  });

  it('load without a load phase or --workload is a usage error (exit 2) naming the fix', async () => {
    const r = await runCli(['load', '--profile', 'smoke']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/load.*--workload/);
  });
});
