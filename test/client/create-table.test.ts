// CreateTable polls DescribeTable only when its answer does not say ACTIVE: Alternator answers ACTIVE once the
// schema change is agreed (alternator/executor.cc create_table_on_shard0 → supplement_table_info); DynamoDB answers
// CREATING and the table is usable later.
import { describe, it, expect } from 'vitest';
import { createTable } from '../../harness/client/tables.ts';
import type { DynamoClient } from '../../harness/client/dynamo-client.ts';

function fakeClient(createStatus: string, describeStatuses: string[]) {
  const sent: string[] = [];
  const c = {
    async call(op: string) {
      sent.push(op);
      if (op === 'CreateTable') return { TableDescription: { TableStatus: createStatus } };
      return { Table: { TableStatus: describeStatuses.shift() ?? 'ACTIVE' } };
    },
  };
  return { c: c as unknown as DynamoClient, sent };
}

describe('createTable', () => {
  it('sends no DescribeTable when CreateTable answers ACTIVE (Alternator)', async () => {
    const { c, sent } = fakeClient('ACTIVE', []);
    await createTable(c, { TableName: 't' });
    expect(sent).toEqual(['CreateTable']);
  });

  it('polls DescribeTable until ACTIVE when CreateTable answers CREATING (DynamoDB)', async () => {
    const { c, sent } = fakeClient('CREATING', ['CREATING', 'ACTIVE']);
    await createTable(c, { TableName: 't' });
    expect(sent).toEqual(['CreateTable', 'DescribeTable', 'DescribeTable']);
  });
});
