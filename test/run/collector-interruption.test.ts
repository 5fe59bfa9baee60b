// What vitest reports once a run is being stopped (SIGINT/SIGTERM) is the stop cutting work short: the collector
// records such cases as "interrupted" (skipped, with the reason) and keeps escaped errors and hook errors of the stop
// apart, never as failures. Before the stop, the same reports are failures as always.
import { describe, expect, it } from 'vitest';
import type { SerializedError, TestCase, TestModule } from 'vitest/node';
import { ResultCollector } from '../../harness/run/collector.ts';
import { renderJUnit } from '../../harness/report/junit.ts';
import { closingLine, totals, type RunResult } from '../../harness/report/results.ts';

const MODULE = '/suites/api/items.test.ts';
const SUITES = [{ id: 'api/items', file: MODULE }];

/** The parts of vitest's TestCase the collector reads. */
function testCase(name: string, result: ReturnType<TestCase['result']>, meta: Record<string, unknown> = {}): TestCase {
  return {
    fullName: name,
    result: () => result,
    annotations: () => [],
    diagnostic: () => ({ duration: 5 }),
    options: { mode: 'run' },
    meta: () => meta,
    project: { name: 'defaults' },
    module: { moduleId: MODULE },
  } as unknown as TestCase;
}

function testModule(errors: Array<{ message: string }> = []): TestModule {
  return {
    moduleId: MODULE,
    project: { name: 'defaults' },
    diagnostic: () => ({ duration: 50 }),
    meta: () => ({}),
    errors: () => errors,
    children: { allSuites: () => [] },
  } as unknown as TestModule;
}

const aborted = { state: 'failed', errors: [{ name: 'TestRunAbortError', message: 'The test run was aborted by the user.' }] } as unknown as ReturnType<TestCase['result']>;
const cancelled = { state: 'skipped', note: 'The test run was aborted by the user.' } as unknown as ReturnType<TestCase['result']>;
const assertion = { state: 'failed', errors: [{ name: 'AssertionError', message: 'expected 200 to be 400', stack: 'AssertionError: expected 200 to be 400' }] } as unknown as ReturnType<TestCase['result']>;
const pass = { state: 'passed', errors: [] } as unknown as ReturnType<TestCase['result']>;
const workerLost = { message: '[vitest-pool]: Worker forks emitted error.', name: 'Error', stack: 'Error: [vitest-pool]: Worker forks emitted error.' } as SerializedError;

function runOf(c: ResultCollector, interrupted: boolean): RunResult {
  return {
    schemaVersion: 1,
    runId: 'r',
    profile: 'smoke',
    target: 'local',
    startedAt: '2026-12-08T01:00:00.000Z',
    interrupted,
    variants: [{ name: 'defaults', target: 'local', options: {}, versions: {}, suites: [...c.suites.get('defaults')!.values()] }],
    ...(c.escapedErrors.length ? { escapedErrors: c.escapedErrors } : {}),
    ...(interrupted ? { interruption: { signal: 'SIGINT', phase: 'suites', errors: c.interruptionErrors } } : {}),
  };
}

describe('results of a run being stopped', () => {
  it('before the stop: a failure is a failure, the error type kept; a consulted difference of other versions travels with it', () => {
    const c = new ResultCollector({ interruptedBy: () => undefined, suites: SUITES });
    c.onTestCaseResult(testCase('put > get', assertion, { differencesElsewhere: ['alternator-no-rbac'] }));
    c.onTestRunEnd([], [workerLost]);
    const [only] = c.suites.get('defaults')!.get('api/items')!.cases;
    expect(only).toMatchObject({ status: 'failed', outcome: 'failed', failure: { type: 'AssertionError', differencesElsewhere: ['alternator-no-rbac'] } });
    expect(c.escapedErrors).toHaveLength(1);
  });

  it('after SIGINT: cut cases are interrupted (JUnit: skipped with the reason), passes stand, escaped and hook errors are no failures', () => {
    let signal: string | undefined;
    const c = new ResultCollector({ interruptedBy: () => signal, suites: SUITES });
    c.onTestCaseResult(testCase('finished before', pass));
    signal = 'SIGINT';
    c.onTestCaseResult(testCase('finished after', pass));
    c.onTestCaseResult(testCase('running when stopped', aborted));
    c.onTestCaseResult(testCase('failed as its worker went', assertion));
    c.onTestCaseResult(testCase('not started', cancelled));
    c.onTestModuleEnd(testModule([{ message: 'Hook timed out in 120000ms' }]));
    c.onTestRunEnd([], [workerLost]);
    const cases = c.suites.get('defaults')!.get('api/items')!.cases;
    expect(cases.map((x) => [x.name, x.status, x.outcome])).toEqual([
      ['finished before', 'passed', 'passed'],
      ['finished after', 'passed', 'passed'],
      ['running when stopped', 'skipped', 'interrupted'],
      ['failed as its worker went', 'skipped', 'interrupted'],
      ['not started', 'skipped', 'interrupted'],
    ]);
    expect(cases[3]!.reason).toBe('interrupted by SIGINT: the run was stopped before this case finished; it ended with: expected 200 to be 400');
    expect(cases[3]!.failure).toBeUndefined();
    expect(c.suites.get('defaults')!.get('api/items')!.error).toBeUndefined();
    expect(c.escapedErrors).toEqual([]);
    expect(c.interruptionErrors).toEqual([
      'defaults api/items (file or hook, after SIGINT): Hook timed out in 120000ms',
      'unknown suite file (after SIGINT): Unhandled error: [vitest-pool]: Worker forks emitted error.',
    ]);
    const run = runOf(c, true);
    expect(closingLine(totals(run))).toBe('2 passed, 0 failed, 3 skipped');
    expect(totals(run).interrupted).toBe(3);
    const xml = renderJUnit(run);
    expect(xml).not.toMatch(/<failure|<error/);
    expect(xml).toContain('<skipped message="interrupted by SIGINT: the run was stopped before this case finished"/>');
  });
});
