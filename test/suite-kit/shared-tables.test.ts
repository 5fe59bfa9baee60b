// Shared tables (harness/endpoint/shared-tables.ts): one table per key schema and deployment, created by the first
// file that needs it and deleted by the run; a case that corrupts its own keys fails alone.
import { describe, it, expect } from 'vitest';
import { runCli, failedCases } from '../helpers/cli.ts';
import { sharedTableName } from '../../harness/endpoint/shared-tables.ts';
import { parseOperationCounts, operationsBetween } from '../../harness/run/endpoint-operations.ts';

describe('shared tables', () => {
  it('a case that corrupts its own keys in a shared table fails alone; the run creates the table once and deletes it', async () => {
    const r = await runCli(['run', '--suites-dir', 'test/fixtures/suites', '--suite', 'shared', '--variant', 'defaults', '--quiet']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(failedCases(r)).toEqual(['defaults shared/poison › shared table > a case that corrupts its own keys and then fails']);
    expect(r.cases().filter((c) => c.status === 'passed').map((c) => c.name)).toEqual(['shared table > another user of the same table, with the same key hints, sees only its own items']);
    // Counted by the endpoint (its scylla_alternator_operation series): two handles, one table, deleted by the run.
    const ops = r.results().variants[0]!.endpointOperations!;
    expect(ops.counts.CreateTable).toBeLessThanOrEqual(2);
    expect(ops.counts.DeleteTable).toBe(1);
  });

  it('one name per key schema and deployment, under the variant prefix (so cleanup finds leftovers)', () => {
    expect(sharedTableName('alte2e_12345678_', { hash: ['pk', 'S'], range: ['sk', 'N'] })).toBe('alte2e_12345678_shared_pk-S.sk-N');
    expect(sharedTableName('alte2e_12345678_', { hash: ['p', 'B'] })).toBe('alte2e_12345678_shared_p-B');
  });

  it('endpoint operations: every shard and node added up, only what changed between two readings', () => {
    const text = [
      '# TYPE scylla_alternator_operation counter',
      'scylla_alternator_operation{op="CreateTable",shard="0"} 3',
      'scylla_alternator_operation{op="CreateTable",shard="1"} 2',
      'scylla_alternator_operation{op="GetItem",shard="0"} 7',
      'scylla_alternator_table_operation{op="GetItem",cf="t",ks="alternator_t",shard="0"} 99',
    ].join('\n');
    expect(parseOperationCounts(text)).toEqual({ CreateTable: 5, GetItem: 7 });
    expect(operationsBetween({ CreateTable: 5, GetItem: 7 }, { CreateTable: 9, GetItem: 7, DeleteTable: 2 })).toEqual({
      source: 'scylla_alternator_operation',
      counts: { CreateTable: 4, DeleteTable: 2 },
      schemaChanges: 6,
    });
  });
});
