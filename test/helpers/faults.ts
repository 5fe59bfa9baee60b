// The shape of every proof under test/faults: a CLI run restricted to some suite files and variants, with or
// without one deliberate deviation of the local target (harness/targets/local/faults.ts), then a check that a
// faulty run failed and named the tests that caught the deviation.
import { expect } from 'vitest';
import { runCli, failedCases, type CliRun } from './cli.ts';

export interface SuiteRun {
  /** The deviation to inject; none for the clean run. */
  fault?: string;
  /** Variants of the default profile (default: `defaults`). */
  variants?: readonly string[];
}

export function runSuites(suites: readonly string[], o: SuiteRun = {}): Promise<CliRun> {
  const fault = o.fault ? ['--inject-fault', o.fault] : [];
  const variants = (o.variants ?? ['defaults']).flatMap((v) => ['--variant', v]);
  return runCli(['run', ...fault, ...suites.flatMap((s) => ['--suite', s]), ...variants, '--quiet']);
}

/** The clean run: exit 0 and no failed case. */
export function expectPassed(r: CliRun): void {
  expect(r.code, r.stdout + r.stderr).toBe(0);
  expect(failedCases(r)).toEqual([]);
}

/** Exit 1 with each of `names` ("variant suite › test") among the failed cases; returns every failed case. */
export function expectFailed(r: CliRun, names: readonly string[] = []): string[] {
  expect(r.code, r.stdout + r.stderr).toBe(1);
  const failed = failedCases(r);
  for (const n of names) expect(failed, `expected "${n}" among the failed cases`).toContain(n);
  return failed;
}
