// bench:real's lines (harness/run/predicted-time.ts) from fixed results: no suite runs, no clock.
import { describe, expect, it } from 'vitest';
import { predictionLines, predictVariant } from '../../harness/run/predicted-time.ts';
import type { RunResult, VariantResult } from '../../harness/report/results.ts';

const C = { schemaChangeSeconds: 1, lwtRoundSeconds: 0.1, requestRoundTripSeconds: 0.01, lwtWriteShare: 1 };

function variant(name: string, counts: Record<string, number>, o: { writeIsolation?: string; waitedMs?: number } = {}): VariantResult {
  return {
    name,
    target: 'local',
    options: { alternator: o.writeIsolation ? { writeIsolation: o.writeIsolation } : {} },
    versions: {},
    endpointOperations: { source: 'scylla_alternator_operation', counts, schemaChanges: (counts.CreateTable ?? 0) + (counts.DeleteTable ?? 0) },
    ...(o.waitedMs !== undefined ? { waitedMs: { total: o.waitedMs, byFile: {} } } : {}),
    suites: [],
  } as VariantResult;
}
const run = (variants: VariantResult[], sharedTables?: false): RunResult =>
  ({ schemaVersion: 2, runId: sharedTables === false ? 'own' : 'shared', profile: 'smoke', target: 'local', startedAt: '', interrupted: false, variants, ...(sharedTables === false ? { sharedTables } : {}) }) as RunResult;

describe('predicted suite time per variant', () => {
  it('with and without shared tables, and what sharing saves', () => {
    const shared = run([variant('defaults', { CreateTable: 4, DeleteTable: 2, PutItem: 10 }, { waitedMs: 3000 })]);
    const own = run([variant('defaults', { CreateTable: 6, DeleteTable: 6, PutItem: 10 }, { waitedMs: 3000 })], false);
    // Given in either order.
    expect(predictionLines([own, shared], C)).toEqual([
      'defaults:',
      '  with shared tables     10.2 s (schema changes 6.0 s, LWT 1.0 s, requests 0.2 s, waits 3.0 s); 6 schema changes, 2 tables',
      '  without shared tables  16.2 s (schema changes 12.0 s, LWT 1.0 s, requests 0.2 s, waits 3.0 s); 12 schema changes, 6 tables',
      '  sharing saves 6.1 s: 6 schema changes, 4 tables',
    ]);
  });

  it('waits not recorded, no LWT where the isolation sends no write through it, and a variant without counts', () => {
    const v = variant('unsafe', { PutItem: 10 }, { writeIsolation: 'unsafe_rmw' });
    expect(predictVariant(v, C)).toEqual({ totalSeconds: 0.1, schemaChangeSeconds: 0, lwtSeconds: 0, requestSeconds: 0.1, waitSeconds: undefined });
    const none = { ...variant('ddb', {}), endpointOperations: undefined } as VariantResult;
    expect(predictionLines([run([v, none])], C)).toEqual([
      'unsafe:',
      '  with shared tables     0.1 s (schema changes 0.0 s, LWT 0.0 s, requests 0.1 s, waits not recorded); 0 schema changes, 0 tables',
      'ddb:',
      '  with shared tables     no endpoint operation counts (the endpoint has no metrics URLs)',
    ]);
    expect(predictionLines([run([variant('o', {}, { writeIsolation: 'only_rmw_uses_lwt' })])], C)[0]).toContain('not counted');
  });
});
