// Shared tables (harness/endpoint/shared-tables.ts): one table per key schema and deployment, created by the first
// file that needs it and deleted by the run; a case that corrupts its own keys fails alone.
import { describe, it, expect } from 'vitest';
import { runCli, failedCases } from '../helpers/cli.ts';
import { sharedKeySchemas, sharedTableName } from '../../harness/endpoint/shared-tables.ts';
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

  it('--no-shared-tables: each file creates and deletes its own table, counted at the endpoint; the run records it', async () => {
    // Two files, one key schema (test/fixtures/suites/sharing): one table shared, two without sharing.
    const args = ['run', '--suites-dir', 'test/fixtures/suites', '--suite', 'sharing', '--variant', 'defaults', '--quiet'];
    const [shared, own] = await Promise.all([runCli(args), runCli([...args, '--no-shared-tables'])]);
    for (const r of [shared, own]) expect(r.code, r.stdout + r.stderr).toBe(0);
    const sharedOps = shared.results().variants[0]!.endpointOperations!;
    const ownOps = own.results().variants[0]!.endpointOperations!;
    // Every table created is deleted once (by the run when shared, by its file otherwise).
    expect(sharedOps.counts.DeleteTable).toBe(1);
    expect(sharedOps.sharedTables).toEqual(['pk-S']);
    expect(shared.results().sharedTables).toBeUndefined();
    expect(ownOps.counts.DeleteTable).toBe(2);
    expect(ownOps.counts.CreateTable).toBe(2);
    expect(ownOps.sharedTables).toEqual([]);
    expect(own.results().sharedTables).toBe(false);
    // A failed case's rerun keeps the flag: it shapes what the run creates.
    expect(own.results().command).toContain('--no-shared-tables');
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
    expect(operationsBetween({ CreateTable: 5, GetItem: 7 }, { CreateTable: 9, GetItem: 7, DeleteTable: 2 }, ['pk-S'])).toEqual({
      source: 'scylla_alternator_operation',
      counts: { CreateTable: 4, DeleteTable: 2 },
      schemaChanges: 6,
      sharedTables: ['pk-S'],
    });
    expect(sharedKeySchemas({ tablePrefix: 'alte2e_1_' }, ['alte2e_1_shared_pk-S.sk-N', 'alte2e_1_shared_a-B', 'alte2e_2_shared_x-S'])).toEqual(['a-B', 'pk-S.sk-N']);
  });
});
