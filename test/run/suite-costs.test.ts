// fixtures/suite-costs.json (what plan predicts from) and the arithmetic over it (harness/run/suite-costs.ts).
import { describe, expect, it } from 'vitest';
import { readSuiteCosts, selectionCost, suiteCostOf, type SuiteCostProfile } from '../../harness/run/suite-costs.ts';
import { discoverSuites } from '../../harness/run/suites.ts';
import type { VariantResult } from '../../harness/report/results.ts';

describe('suite costs', () => {
  it('the checked-in profile is current enough: every suite file has an entry (else: npm run bench:real -- --write-profile)', () => {
    const profile = readSuiteCosts();
    const ids = discoverSuites().map((s) => s.id);
    expect(ids.filter((id) => !profile.files[id])).toEqual([]);
    // Nor an entry for a file that is gone.
    expect(Object.keys(profile.files).filter((id) => !ids.includes(id))).toEqual([]);
    expect(profile.measured.commit).toMatch(/^[0-9a-f]{7,}/);
  });

  it("a file run alone: the run's ListTables and DeleteTable of each shared table are left out of the file's counts", () => {
    const v = {
      endpointOperations: { source: 's', counts: { CreateTable: 3, DeleteTable: 2, PutItem: 5, ListTables: 1 }, schemaChanges: 5, sharedTables: ['pk-S', 'pk-S.sk-N'] },
      suites: [{ waitedMs: 40 }, { waitedMs: 2 }],
    } as unknown as VariantResult;
    expect(suiteCostOf(v)).toEqual({ counts: { CreateTable: 3, PutItem: 5 }, sharedTables: ['pk-S', 'pk-S.sk-N'], waitedMs: 42 });
    expect(suiteCostOf({ suites: [] } as unknown as VariantResult)).toBeUndefined();
  });

  it('a selection pays one ListTables and one DeleteTable per distinct shared table; unprofiled files the mean; waits only when all recorded', () => {
    const profile: SuiteCostProfile = {
      measured: { command: '', date: '', commit: '', target: 'local', variant: 'defaults' },
      files: {
        'a/x': { counts: { CreateTable: 1, PutItem: 4 }, sharedTables: ['pk-S'], waitedMs: 10 },
        'a/y': { counts: { CreateTable: 3, DeleteTable: 2, PutItem: 2 }, sharedTables: ['pk-S'], waitedMs: 20 },
      },
    };
    expect(selectionCost(profile, ['a/x', 'a/y'])).toEqual({ counts: { CreateTable: 4, PutItem: 6, DeleteTable: 3, ListTables: 1 }, waitedMs: 30, unprofiled: [] });
    expect(selectionCost(profile, ['a/x', 'b/new'])).toEqual({ counts: { CreateTable: 3, PutItem: 7, DeleteTable: 2, ListTables: 1 }, waitedMs: 25, unprofiled: ['b/new'] });
    expect(selectionCost(profile, [])).toEqual({ counts: {}, waitedMs: 0, unprofiled: [] });
    delete profile.files['a/y']!.waitedMs;
    expect(selectionCost(profile, ['a/x', 'a/y']).waitedMs).toBeUndefined();
  });
});
