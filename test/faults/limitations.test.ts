// Proof that suites/limitations can FAIL: a limitation has three outcomes (reproduced or, on the local target,
// emulated; lifted; unexpected), and a deviation that is neither the documented behaviour nor DynamoDB's must fail
// the run. Each fault answers a third way (HTTP 500) where Alternator and DynamoDB each have their own answer.
import { describe, it, expect } from 'vitest';
import { runSuites, expectPassed, expectFailed } from '../helpers/faults.ts';

describe.concurrent('limitation suites fail on an unexpected third behaviour', { timeout: 230_000 }, () => {
  it('pass without a fault: every limitation emulated on the local target, none called reproduced', async () => {
    const r = await runSuites(['limitations/behaviour', 'limitations/unimplemented']);
    expectPassed(r);
    const cases = r.cases();
    expect(cases.filter((c) => c.suite === 'limitations/unimplemented' && c.outcome === 'limitation-emulated').length).toBeGreaterThanOrEqual(10);
    expect(cases.filter((c) => c.suite === 'limitations/behaviour' && c.outcome === 'limitation-emulated').length).toBeGreaterThanOrEqual(4);
    expect(cases.filter((c) => c.outcome === 'limitation-reproduced')).toEqual([]);
    expect(r.junit()).toMatch(/<property name="versions.source" value="emulated"\/>/);
  });

  it('FAILS when a body that is not JSON gets HTTP 500 (neither ValidationException nor SerializationException)', async () => {
    const failed = expectFailed(await runSuites(['limitations/behaviour'], { fault: 'bad-json-internal-error' }));
    expect(failed).toEqual(['defaults limitations/behaviour › limitations: protocol > a body that is not JSON is answered ValidationException, not SerializationException']);
  });

  it('FAILS when unimplemented operations get HTTP 500 instead of UnknownOperationException, naming each', async () => {
    const failed = expectFailed(await runSuites(['limitations/unimplemented'], { fault: 'unimplemented-internal-error' }), [
      'defaults limitations/unimplemented › limitations: unimplemented operations > TransactWriteItems is not implemented',
      'defaults limitations/unimplemented › limitations: unimplemented operations > ExecuteStatement (PartiQL) is not implemented',
    ]);
    expect(failed.every((f) => f.startsWith('defaults limitations/unimplemented › '))).toBe(true);
  });
});
