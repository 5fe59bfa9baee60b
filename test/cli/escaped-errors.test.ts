// Errors that escape every test (a rejection no one awaits) fail the run: exit 1, an error testcase in the JUnit
// naming the file, shown in the summary; and a selection that runs no test is a usage error (exit 2).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { validateJUnit } from '../helpers/junit-schema.ts';

describe('errors that escape the tests', () => {
  it('an unawaited rejection in a suite makes run exit 1 with the error in the JUnit and the summary, though every test passed', async () => {
    const r = await runCli(['run', '--suites-dir', 'test/fixtures/suites', '--suite', 'escape', '--variant', 'defaults', '--quiet']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const results = r.results();
    expect(r.cases().map((c) => c.status)).toEqual(['passed', 'passed']);
    expect(results.escapedErrors?.length).toBe(1);
    expect(results.escapedErrors?.[0]).toMatchObject({ file: 'escape/leak.test.ts', message: expect.stringMatching(/escaped from the escape fixture/) });
    const junit = r.junit();
    expect(junit).toMatch(/<testcase classname="run\.escaped-errors" name="escape\/leak\.test\.ts[^"]*">\s*<error type="EscapedError" message="[^"]*escaped from the escape fixture/);
    expect((await validateJUnit(junit)).valid).toBe(true);
    expect(readFileSync(join(r.runDir(), 'summary.md'), 'utf8')).toMatch(/escaped error.*escape\/leak\.test\.ts/);
    expect(r.stdout).toMatch(/ESCAPED ERROR escape\/leak\.test\.ts/);
  });

  it('a --suite selection whose files hold no test for the variant is exit 2 with a message, not a green run', async () => {
    const r = await runCli(['run', '--suites-dir', 'test/fixtures/suites', '--suite', 'empty', '--variant', 'defaults', '--quiet']);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).toMatch(/No test ran: .*--suite/);
  });

  it('a --shard that holds no variant is exit 2 before anything starts', async () => {
    const r = await runCli(['run', '--variant', 'defaults', '--shard', '2/2', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--shard.*holds no variant/);
  });
});
