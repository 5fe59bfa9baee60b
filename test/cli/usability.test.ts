// The command line as people expect it (issue 22 item 9): --version, help per command grouped by target with
// examples, flags refused where their target ignores them, one-line errors with the documented exit codes for bad
// reports paths, an unreachable endpoint in cleanup and a missing kind/docker (caught once, before anything starts).
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { projectRoot } from '../../harness/util/paths.ts';
import { freeLoopbackPort } from '../../harness/targets/local/loopback.ts';
import { createCA } from '../../harness/tls/ca.ts';

const NO_STACK = /\n\s+at /;

describe('the command line', () => {
  it('--version prints the package version and the git commit of the checkout', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    const version = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')).version;
    const head = execFileSync('git', ['-C', projectRoot(), 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    expect(r.stdout).toMatch(new RegExp(`^alternator-e2e ${version.replace(/\./g, '\\.')} \\(commit ${head}(\\+dirty)?\\)\\n$`));
  });

  it('run --help groups the flags by target and shows examples; with --target it shows that target\'s flags only', async () => {
    const all = await runCli(['run', '--help']);
    expect(all.code).toBe(0);
    for (const heading of ['What runs:', 'Target local', 'Target endpoint', 'Targets kind and kubeconfig:', 'Target kind:', 'Target kubeconfig:', 'Load phase:', 'Examples:'])
      expect(all.stdout).toContain(heading);
    const kind = await runCli(['run', '--target', 'kind', '--help']);
    expect(kind.stdout).toContain('--reuse <cluster>');
    expect(kind.stdout).toContain('--operator-version');
    for (const other of ['--endpoint <url>', '--inject-fault', '--kubeconfig <path>', 'Target endpoint']) expect(kind.stdout).not.toContain(other);
    const diff = await runCli(['report', 'diff', '--help']);
    expect(diff.stdout).toContain('--fail-on-missing');
    expect(diff.stdout).toContain('Examples:');
  });

  it.each([
    [['run', '--endpoint', 'https://127.0.0.1:1'], '--endpoint: applies to target endpoint, not local; fix: drop --endpoint, or add --target endpoint'],
    [['run', '--target', 'dynamodb-local', '--reuse', 'c1'], '--reuse: applies to target kind, not dynamodb-local; fix: drop --reuse, or add --target kind'],
    [['plan', '--target', 'kind', '--kubeconfig', '/x'], '--kubeconfig: applies to target kubeconfig, not kind; fix: drop --kubeconfig, or add --target kubeconfig'],
    [['run', '--target', 'kind', '--inject-fault', 'condition-ignored'], '--inject-fault: applies to target local, not kind; fix: drop --inject-fault, or add --target local'],
    [['doctor', '--target', 'kind', '--endpoint', 'https://x'], '--endpoint: applies to target endpoint, not kind; fix: drop it, or add --target endpoint'],
  ])('%j: a flag the target ignores is a usage error naming it (exit 2)', async (args, line) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${line}\n`);
    expect(existsSync(join(r.reportsDir, 'latest'))).toBe(false);
  });

  it('--reports naming a file, and report merge --out naming one: one line, exit 2, nothing run', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'alte2e-file-')), 'not-a-dir');
    writeFileSync(file, 'x');
    const shard = mkdtempSync(join(tmpdir(), 'alte2e-shard-'));
    writeFileSync(join(shard, 'results.json'), JSON.stringify({ schemaVersion: 2, runId: 'r', profile: 'smoke', target: 'local', startedAt: '2026-01-01T00:00:00.000Z', interrupted: false, variants: [] }));
    // runCli gives run its --reports (the reportsDir option).
    for (const [args, reportsDir] of [
      [['run', '--suite', 'api/smoke', '--variant', 'defaults'], file],
      [['run', '--suite', 'api/smoke', '--variant', 'defaults'], join(file, 'below')],
      [['report', 'merge', '--out', file, shard], dirname(file)],
    ] as const) {
      const r = await runCli([...args], { reportsDir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^error: (--reports|--out): cannot write reports there: cannot mkdir .*not-a-dir.*: .*\((EEXIST|ENOTDIR)\); got ".*"; fix: give a directory this user can write \(created when missing\), not a file\n$/);
      expect(r.stderr).not.toMatch(NO_STACK);
    }
  });

  it('cleanup against an unreachable endpoint: one line, exit 3', async () => {
    const port = await freeLoopbackPort();
    const ca = join(mkdtempSync(join(tmpdir(), 'alte2e-ca-')), 'ca.crt');
    writeFileSync(ca, (await createCA('cleanup test CA')).certPem);
    const r = await runCli(['cleanup', '--target', 'endpoint', '--endpoint', `https://127.0.0.1:${port}`, '--ca-bundle', ca]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`error: cleanup of https://127.0.0.1:${port} (datacenter dc1) stopped after 0 table(s): cannot reach 127.0.0.1:${port}: connection refused (ECONNREFUSED)\n`);
  });

  it('run --target kind without kind and docker: each missing program said once, before anything starts (exit 3, no report, no teardown)', async () => {
    const r = await runCli(['run', '--target', 'kind'], { env: { PATH: dirname(process.execPath) } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: target kind cannot run on this machine, nothing was started:\n/);
    expect(r.stderr.match(/"kind" not found on PATH/g)).toHaveLength(1);
    expect(r.stderr.match(/"docker" not found on PATH/g)).toHaveLength(1);
    expect(r.stdout + r.stderr).not.toMatch(/teardown|tearing down|creating kind cluster/);
    expect(existsSync(join(r.reportsDir, 'latest'))).toBe(false);
  });
});
