// The clean-up of tables a suite file creates by hand sends one DeleteTable per table, even when a test recorded a
// name twice (api/tables re-creates a table under the same name). Issue 13: the tables suite sent two DeleteTable for
// one table at once, which DynamoDB Local answered with HTTP 500, failing the file's clean-up hook.
import { describe, it, expect } from 'vitest';
import { createdTables } from '../../harness/suite-kit/index.ts';
import { DynamoError, type DynamoClient } from '../../harness/client/dynamo-client.ts';

function fake(): { c: DynamoClient; deletes: string[] } {
  const deletes: string[] = [];
  const existing = new Set(['t1', 't2']);
  const c = {
    call: async (op: string, body: { TableName: string }) => {
      if (op !== 'DeleteTable') throw new Error(`unexpected ${op}`);
      deletes.push(body.TableName);
      if (!existing.delete(body.TableName)) throw new DynamoError(400, 'ResourceNotFoundException', 'no such table', 'ResourceNotFoundException');
      return {};
    },
  } as unknown as DynamoClient;
  return { c, deletes };
}

describe('createdTables', () => {
  it('deletes a table recorded twice once', async () => {
    const { c, deletes } = fake();
    const created = createdTables(c);
    created.add('t1');
    created.add('t2');
    created.add('t1');
    await created.deleteAll();
    expect(deletes.sort()).toEqual(['t1', 't2']);
  });

  it('forgets what it deleted: a second clean-up sends nothing', async () => {
    const { c, deletes } = fake();
    const created = createdTables(c);
    created.add('t1');
    await created.deleteAll();
    await created.deleteAll();
    expect(deletes).toEqual(['t1']);
  });
});
