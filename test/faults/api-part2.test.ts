// Proof that the query, scan, filter, batch (and ListTables paging) suites can FAIL: each deliberate deviation of
// the local front door (harness/targets/local/faults.ts) makes the run exit 1 and names the test that caught it;
// without a fault, every file of this part (and its documented limitations) passes. One spawn per fault,
// restricted to the suites concerned and one variant; 8 spawns in all.
import { describe, it, expect } from 'vitest';
import { runSuites, expectPassed, expectFailed } from '../helpers/faults.ts';

const PART2 = [
  'api/query',
  'api/scan',
  'api/filter',
  'api/batch',
  'api/indexes',
  'api/tags-ttl',
  'api/streams-transactions-partiql',
  'api/errors',
  'limitations/unimplemented',
  'limitations/behaviour',
];
const run = (fault: string, suites: string[]) => runSuites(suites, { fault });

describe.concurrent('query, scan, filter and batch suites fail on a faulty endpoint', () => {
  it('pass without a fault: every file of this part, limitations emulated (never "reproduced" on the local target)', async () => {
    const r = await runSuites(PART2);
    expectPassed(r);
    const cases = r.cases();
    for (const s of PART2) expect(cases.some((c) => c.suite === s), `${s} ran`).toBe(true);
    // Every file except the feature-gated one checked something; the limitations were reproduced, not skipped.
    for (const s of PART2.filter((x) => x !== 'api/streams-transactions-partiql')) expect(cases.some((c) => c.suite === s && c.status === 'passed'), `${s} passed cases`).toBe(true);
    expect(cases.filter((c) => c.outcome === 'limitation-emulated').length).toBeGreaterThanOrEqual(15);
    expect(cases.filter((c) => c.outcome === 'limitation-reproduced')).toEqual([]);
  });

  it('FAILS when Query and Scan drop LastEvaluatedKey, naming the paging tests', async () => {
    expectFailed(await run('pagination-truncated', ['api/query', 'api/scan']), [
      'defaults api/query › api query > pagination > Limit 10 over 95 items: every item exactly once, in order, over 10 pages',
      'defaults api/scan › api scan > Limit and pagination > Limit 7 over 120 items: every item exactly once, no page above the limit',
    ]);
  });

  it('FAILS when FilterExpression is ignored, naming the Count/ScannedCount test', async () => {
    expectFailed(await run('filter-ignored', ['api/filter']), [
      'defaults api/filter › api filter > Count and ScannedCount > Count is the number of items returned, ScannedCount the number read before filtering',
      'defaults api/filter › api filter > comparators > < on a number',
    ]);
  });

  it('FAILS when BatchWriteItem silently drops a write, naming the every-item-landed test', async () => {
    expectFailed(await run('batch-write-drop', ['api/batch']), [
      'defaults api/batch › api batch > BatchWriteItem > 25 puts in one batch: every item lands',
      'defaults api/batch › api batch > BatchWriteItem > 300 items written 25 at a time, retrying UnprocessedItems: every item landed exactly once',
    ]);
  });

  it('FAILS when Limit is ignored, naming the Limit test', async () => {
    expectFailed(await run('limit-ignored', ['api/query']), ['defaults api/query › api query > order and Limit > Limit returns that many items and a LastEvaluatedKey']);
  });

  it('FAILS when ScanIndexForward=false is ignored, naming the descending-order test', async () => {
    expectFailed(await run('order-ignored', ['api/query']), [
      'defaults api/query › api query > order and Limit > ScanIndexForward=false returns the partition in descending order',
      'defaults api/query › api query > pagination > descending pages with Limit 7: every item exactly once, in descending order',
    ]);
  });

  it('FAILS when Select COUNT miscounts, naming the COUNT test', async () => {
    expectFailed(await run('count-wrong', ['api/query']), ['defaults api/query › api query > Select > Select COUNT returns the Count and no Items']);
  });

  it('FAILS when ListTables drops LastEvaluatedTableName, naming a ListTables paging test', async () => {
    const failed = expectFailed(await run('listtables-truncated', ['api/tables']));
    expect(failed.filter((f) => f.startsWith('defaults api/tables › api tables > ListTables >')).length, failed.join('\n')).toBeGreaterThan(0);
  });
});
