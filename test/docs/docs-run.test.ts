// `alternator-e2e run --suite docs` as a user runs it (spawned CLI, local target, smoke profile): the operator page's
// workflow with the real AWS CLI on every variant. Every case passes, except exactly the ones where the page and the
// deployment (or the AWS CLI) disagree, which say "documentation differs" and do not fail the run unless asked.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { runCli, type CliRun } from '../helpers/cli.ts';
import { findAwsCli } from '../../harness/client/aws-cli.ts';

const found = await findAwsCli();
const awsMissing = 'missing' in found ? found.missing : undefined;

const SMOKE_VARIANTS = ['defaults', 'http-noauth', 'om-names-forbid', 'user-cert-unsafe', 'multidc'];
/** The only variant of the smoke profile with insecureDisableAuthorization: wrong credentials are accepted there. */
const AUTHORIZATION_DISABLED = 'http-noauth';
const NO_REGION = /Connect with AWS CLI: the page sets no region/;
const WRONG_CREDENTIALS = /Troubleshoot: wrong credentials give AccessDeniedException/;

const allFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? allFiles(join(dir, n)) : [join(dir, n)]));
const docsCases = (r: CliRun) => r.cases().filter((c) => c.suite === 'docs/operator-alternator-page');
const label = (c: { variant: string; name: string }) => `${c.variant} › ${c.name.replace(/^.*? > /, '')}`;

describe('run --suite docs (local target, smoke profile, the real AWS CLI)', () => {
  it.runIf(!awsMissing)('every variant green: 50 cases, each passed or "documentation differs" exactly where the page disagrees', { timeout: 600_000 }, async () => {
    const r = await runCli(['run', '--suite', 'docs', '--quiet'], { timeoutMs: 540_000 });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const cases = docsCases(r);
    expect(new Set(cases.map((c) => c.variant))).toEqual(new Set(SMOKE_VARIANTS));
    expect(cases).toHaveLength(SMOKE_VARIANTS.length * 10);
    expect(cases.filter((c) => c.status !== 'passed').map(label)).toEqual([]);
    const differs = cases.filter((c) => c.outcome === 'documentation-differs');
    const expected = cases.filter((c) => NO_REGION.test(c.name) || (WRONG_CREDENTIALS.test(c.name) && c.variant !== AUTHORIZATION_DISABLED));
    expect(differs.map(label).sort()).toEqual(expected.map(label).sort());
    expect(cases.filter((c) => c.outcome !== 'passed' && c.outcome !== 'documentation-differs').map(label)).toEqual([]);
    // Both sides named: the page's words and what was observed.
    for (const c of differs.filter((x) => WRONG_CREDENTIALS.test(x.name)))
      expect(c.reason).toMatch(/says AccessDeniedException for wrong credentials; observed UnrecognizedClientException: wrong signature/);
    for (const c of differs.filter((x) => NO_REGION.test(x.name))) expect(c.reason).toMatch(/You must specify a region/);
    expect(r.junit()).toContain('outcome: documentation-differs');
    expect(r.stdout).toMatch(/≠ DOCUMENTATION DIFFERS/);
    // The closing line counts real passes; the documentation differences are counted beside them (issue 22).
    expect(r.stdout).toMatch(new RegExp(`\\n${50 - differs.length} passed, 0 failed, 0 skipped\\n$`));
    expect(r.stdout).toContain(`${differs.length} documentation difference(s)`);
    // The salted hashes the AWS CLI was given reach no output and no report file.
    const everything = [r.stdout, r.stderr, ...allFiles(r.reportsDir).map((f) => readFileSync(f, 'utf8'))].join('\n');
    expect(everything).not.toMatch(/\$6\$[./A-Za-z0-9]{8,}/);
  });

  it.runIf(!awsMissing)('--fail-on-documentation-differs turns exactly those cases into failures (exit 1)', { timeout: 600_000 }, async () => {
    const r = await runCli(['run', '--suite', 'docs', '--variant', 'defaults', '--fail-on-documentation-differs', '--quiet'], { timeoutMs: 540_000 });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const failed = docsCases(r).filter((c) => c.status === 'failed');
    expect(failed.map((c) => c.name).every((n) => NO_REGION.test(n) || WRONG_CREDENTIALS.test(n))).toBe(true);
    expect(failed).toHaveLength(2);
    expect(failed.every((c) => /--fail-on-documentation-differs/.test(c.failure?.message ?? ''))).toBe(true);
  });

  it('without an AWS CLI on PATH every docs case is skipped with the reason (a run of docs alone then ran nothing: exit 2)', { timeout: 600_000 }, async () => {
    const withoutAws = (process.env.PATH ?? '').split(delimiter).filter((d) => d && !existsSync(join(d, 'aws'))).join(delimiter);
    const r = await runCli(['run', '--suite', 'docs', '--variant', 'defaults', '--quiet'], { env: { PATH: withoutAws }, timeoutMs: 540_000 });
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).toMatch(/No test ran/);
    const cases = docsCases(r);
    expect(cases).toHaveLength(10);
    expect(cases.filter((c) => !(c.status === 'skipped' && c.outcome === 'skipped' && /AWS CLI \(`aws`\) is not on PATH; install it/.test(c.reason ?? ''))).map(label)).toEqual([]);
  });
});
