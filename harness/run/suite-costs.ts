// What each suite file costs an endpoint, as counted at the local target's endpoint (fixtures/suite-costs.json,
// written by `npm run bench:real -- --write-profile`: one run per suite file on one variant). `plan` predicts a
// job's suite time from it with the latency model (harness/run/latency-model.ts), as bench:real does from a whole
// run's counts. What the run itself sends after the suites belongs to the run, not to a file: the ListTables that
// finds the shared tables and a DeleteTable per shared table (harness/endpoint/shared-tables.ts deleteSharedTables).
// A file's entry leaves them out and names the shared key schemas it joined; a selection of files pays one ListTables
// and one DeleteTable per distinct schema.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from '../util/paths.ts';
import type { VariantResult } from '../report/results.ts';

export interface SuiteCost {
  /** Requests per operation the file sent (the endpoint's scylla_alternator_operation), shared tables' DeleteTable left out. */
  counts: Record<string, number>;
  /** Key schemas of the deployment's shared tables the file joined (e.g. pk-S.sk-N). */
  sharedTables: string[];
  /** Milliseconds the file spent waiting on conditions; absent: the run did not record waits. */
  waitedMs?: number;
}

export interface SuiteCostProfile {
  /** How and when it was measured: the command, the date, the commit, the target and variant. */
  measured: { command: string; date: string; commit: string; target: string; variant: string };
  /** By suite id (path under suites/ without extension, e.g. api/items). */
  files: Record<string, SuiteCost>;
}

export const SUITE_COSTS_FILE = (): string => join(fixturesDir(), 'suite-costs.json');

export function readSuiteCosts(path = SUITE_COSTS_FILE()): SuiteCostProfile {
  return JSON.parse(readFileSync(path, 'utf8')) as SuiteCostProfile;
}

/** One file's cost from the results of a run of that file alone (its variant's endpointOperations and waits). */
export function suiteCostOf(v: Pick<VariantResult, 'endpointOperations' | 'suites'>): SuiteCost | undefined {
  const ops = v.endpointOperations;
  if (!ops) return undefined;
  const sharedTables = ops.sharedTables ?? [];
  const counts = { ...ops.counts };
  for (const [op, n] of Object.entries(runRequests(sharedTables.length))) {
    counts[op] = (counts[op] ?? 0) - n;
    if (counts[op]! <= 0) delete counts[op];
  }
  const waits = v.suites.map((s) => s.waitedMs);
  return { counts, sharedTables, ...(waits.length && waits.every((w) => w !== undefined) ? { waitedMs: waits.reduce((a, w) => a + w!, 0) } : {}) };
}

export interface SelectionCost {
  counts: Record<string, number>;
  /** Undefined when a file of the selection has no recorded waits. */
  waitedMs: number | undefined;
  /** Suite ids the profile has no entry for: charged the profile's mean file. */
  unprofiled: string[];
}

/** What a selection of suite files costs one deployment: the files' own requests plus the run's (runRequests). */
export function selectionCost(profile: SuiteCostProfile, suiteIds: readonly string[]): SelectionCost {
  const all = Object.values(profile.files);
  const mean: SuiteCost = {
    counts: meanCounts(all.map((f) => f.counts)),
    sharedTables: [],
    ...(all.every((f) => f.waitedMs !== undefined) ? { waitedMs: all.reduce((a, f) => a + f.waitedMs!, 0) / Math.max(1, all.length) } : {}),
  };
  const counts: Record<string, number> = {};
  const shared = new Set<string>();
  const unprofiled: string[] = [];
  let waitedMs: number | undefined = 0;
  for (const id of suiteIds) {
    const f = profile.files[id] ?? (unprofiled.push(id), mean);
    for (const [op, n] of Object.entries(f.counts)) counts[op] = (counts[op] ?? 0) + n;
    for (const t of f.sharedTables) shared.add(t);
    waitedMs = waitedMs === undefined || f.waitedMs === undefined ? undefined : waitedMs + f.waitedMs;
  }
  if (suiteIds.length) for (const [op, n] of Object.entries(runRequests(shared.size))) counts[op] = (counts[op] ?? 0) + n;
  return { counts, waitedMs, unprofiled };
}

/** What the run sends after the suites (deleteSharedTables): one ListTables, one DeleteTable per shared table. */
function runRequests(sharedTables: number): Record<string, number> {
  return { ListTables: 1, ...(sharedTables ? { DeleteTable: sharedTables } : {}) };
}

function meanCounts(list: ReadonlyArray<Record<string, number>>): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const c of list) for (const [op, n] of Object.entries(c)) sum[op] = (sum[op] ?? 0) + n;
  return Object.fromEntries(Object.entries(sum).map(([op, n]) => [op, n / Math.max(1, list.length)]));
}
