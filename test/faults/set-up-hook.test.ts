// Proof that a failing set-up hook (CreateTable answering an internal error in a suite's beforeAll) fails the run
// with the suite file named, instead of leaving its tests silently skipped.
import { describe, it, expect } from 'vitest';
import { runCli } from '../helpers/cli.ts';

describe('a failing set-up hook', () => {
  it('is a failure (exit 1) with the suite file named in the JUnit, not silently skipped tests', async () => {
    const r = await runCli(['run', '--suite', 'api/smoke', '--variant', 'defaults', '--inject-fault', 'create-table-fails', '--quiet']);
    expect(r.code).toBe(1);
    const suite = r.results().variants[0]!.suites.find((s) => s.suite === 'api/smoke')!;
    expect(suite.error).toMatch(/InternalServerError/);
    expect(r.junit()).toMatch(/<testcase classname="defaults\.api\.smoke" name="\(suite file\)">\s*<error type="SuiteError"/);
    expect(r.stdout).toMatch(/\d+ passed, [1-9]\d* failed/);
  });
});
