// Proof that the table, item, type, condition, update, projection, placeholder and legacy-parameter suites can
// FAIL: each deliberate deviation of the local front door (harness/targets/local/faults.ts) makes the run exit 1
// and names the test that caught it; without a fault, every file of this part passes. One spawn per fault,
// restricted to the suites concerned and one variant; 8 spawns in all.
import { describe, it, expect } from 'vitest';
import { runSuites, expectPassed, expectFailed } from '../helpers/faults.ts';

const PART1 = [
  'api/tables',
  'api/items',
  'api/types',
  'api/condition-expressions',
  'api/update-expressions',
  'api/projection',
  'api/expression-attributes',
  'api/legacy',
];
const run = (fault: string, suites: string[]) => runSuites(suites, { fault });

describe.concurrent('table, item, type and expression suites fail on a faulty endpoint', () => {
  it('pass without a fault: every file of this part', async () => {
    const r = await runSuites(PART1);
    expectPassed(r);
    const cases = r.cases();
    for (const s of PART1) expect(cases.filter((c) => c.suite === s && c.status === 'passed').length, `${s} passed cases`).toBeGreaterThan(10);
    expect(cases.filter((c) => c.status === 'passed').length).toBeGreaterThanOrEqual(170);
    // Skips are the documented differences of the local data plane, each named.
    for (const c of cases.filter((x) => x.status === 'skipped')) expect(JSON.stringify(c)).toMatch(/not applicable: .*\[local-/);
  });

  it('FAILS when a failed condition is reported as success, naming the condition and Expected tests', async () => {
    expectFailed(await run('condition-ignored', ['api/condition-expressions', 'api/legacy']), [
      'defaults api/condition-expressions › api condition expressions > comparators > a = :v with :v=6 fails',
      'defaults api/condition-expressions › api condition expressions > names, failures and other operations > a failed condition leaves the item unchanged',
      'defaults api/legacy › api legacy parameters > Expected > Expected Value different fails',
    ]);
  });

  it('FAILS when numbers lose precision, naming the 38-digit test', async () => {
    expectFailed(await run('number-precision', ['api/types']), [
      'defaults api/types › api types > numbers > 38 significant digits (integer) is stored exactly',
    ]);
  });

  it('FAILS when GetItem ignores ProjectionExpression, naming the nested-path test', async () => {
    expectFailed(await run('projection-ignored', ['api/projection']), [
      'defaults api/projection › api projection expressions > a nested map member (m.x)',
    ]);
  });

  it('FAILS when UPDATED_NEW / UPDATED_OLD return the whole item, naming the ReturnValues tests', async () => {
    expectFailed(await run('returnvalues-wrong', ['api/items']), [
      'defaults api/items › api items > ReturnValues on UpdateItem > UPDATED_NEW returns only the new values of the updated attributes',
      'defaults api/items › api items > ReturnValues on UpdateItem > UPDATED_OLD returns only the old values of the updated attributes that existed',
    ]);
  });

  it('FAILS when DeleteItem does not delete, naming the DeleteItem test', async () => {
    expectFailed(await run('delete-ignored', ['api/items']), ['defaults api/items › api items > UpdateItem and DeleteItem > DeleteItem removes the item']);
  });

  it('FAILS when binary values are corrupted, naming the byte round-trip test', async () => {
    expectFailed(await run('binary-corrupted', ['api/types']), [
      'defaults api/types › api types > exact round trips > B: every byte value 0x00..0xff comes back unchanged',
    ]);
  });

  it('FAILS when ResourceNotFoundException comes back as another type, naming the missing-table test', async () => {
    expectFailed(await run('wrong-error-type', ['api/tables']), [
      'defaults api/tables › api tables > DeleteTable and table errors > DescribeTable on a missing table fails with ResourceNotFoundException',
    ]);
  });
});
