// Waiting for a table's state ends at the DescribeTable answer that shows it, and an answer that cannot lead there
// (another error) ends the wait at once; the waited time counts in the suite file's account (harness/suite-kit/timing.ts).
import { describe, it, expect, beforeEach } from 'vitest';
import { waitActive, waitTableGone } from '../../harness/client/tables.ts';
import { DynamoError, type DynamoClient } from '../../harness/client/dynamo-client.ts';
import { resetWaited, waited } from '../../harness/suite-kit/timing.ts';

const notFound = () => new DynamoError(400, 'ResourceNotFoundException', 'Requested resource not found', 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');

/** Answers DescribeTable from a script: a status, or an error to throw; counts the calls. */
function scripted(answers: Array<string | Error>) {
  let calls = 0;
  const c = {
    async call() {
      calls++;
      const a = answers.shift() ?? 'ACTIVE';
      if (a instanceof Error) throw a;
      return { Table: { TableStatus: a } };
    },
  } as unknown as DynamoClient;
  return { c, calls: () => calls };
}

describe('table state waits', () => {
  beforeEach(() => resetWaited());

  it('waitActive: the first ACTIVE answer ends it; an answer that says ACTIVE at once waits nothing', async () => {
    const creating = scripted(['CREATING', 'CREATING', 'ACTIVE', 'ACTIVE']);
    await waitActive(creating.c, 't');
    expect(creating.calls()).toBe(3);
    expect(waited()).toBeGreaterThan(0);
    resetWaited();
    const active = scripted(['ACTIVE']);
    await waitActive(active.c, 't');
    expect(active.calls()).toBe(1);
    expect(waited()).toBe(0);
  });

  it('waitActive: a missing table fails at once with its error', async () => {
    const missing = scripted([notFound(), 'ACTIVE']);
    await expect(waitActive(missing.c, 't')).rejects.toThrow(/ResourceNotFoundException/);
    expect(missing.calls()).toBe(1);
  });

  it('waitTableGone: ResourceNotFoundException ends it; another error fails at once', async () => {
    const deleting = scripted(['DELETING', notFound()]);
    await waitTableGone(deleting.c, 't');
    expect(deleting.calls()).toBe(2);
    const refused = scripted([new DynamoError(400, 'AccessDeniedException', 'no', 'x#AccessDeniedException'), notFound()]);
    await expect(waitTableGone(refused.c, 't')).rejects.toThrow(/AccessDeniedException/);
    expect(refused.calls()).toBe(1);
  });

  it('a table that stays CREATING runs out naming the table, the deadline and why that long', async () => {
    const stuck = scripted(Array(100).fill('CREATING'));
    await expect(waitActive(stuck.c, 't', 250)).rejects.toThrow(/^table t ACTIVE: still not true after 250 ms \(deadline from a table leaves CREATING\/DELETING .*last check: status CREATING$/);
  });
});
