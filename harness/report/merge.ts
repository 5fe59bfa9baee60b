// Joining the shards' results back into one run. shardVariants (harness/run/shard.ts) deals variants
// round-robin in profile order, so mergeRuns restores the profile order by dealing them back: the merged
// RunResult equals the one an unsharded run on the same variants writes, and JUnit and the summary page,
// rendered from it, are identical. Each shard lists its variants in the order shardVariants gave them.
import { ConfigError } from '../util/errors.ts';
import { SCHEMA_VERSION, schemaVersionProblem, type RunResult, type VariantResult } from './results.ts';

/** Joins the results of a run's shards (or of unsharded runs, in the given order) into one unsharded run. */
export function mergeRuns(runs: RunResult[]): RunResult {
  if (runs.length === 0)
    throw new ConfigError('nothing to merge', { field: 'report merge', fix: 'name the directories holding the shards’ results.json' });
  for (const r of runs) {
    const unreadable = schemaVersionProblem(r.schemaVersion);
    if (unreadable) throw new ConfigError(unreadable, { field: `run ${r.runId ?? '(no runId)'}`, fix: 'merge results written by this harness version (or re-run the shard)' });
  }
  sameEverywhere(runs, 'profile');
  sameEverywhere(runs, 'target');
  const ordered = orderShards(runs);
  const variants = ordered.every((r) => r.shard) ? dealBack(ordered) : ordered.flatMap((r) => r.variants);
  const seen = new Set<string>();
  for (const v of variants) {
    if (seen.has(v.name))
      throw new ConfigError('a variant appears in more than one input', { field: 'variants', value: v.name, fix: 'merge each shard once; do not mix results of different runs of the same variant' });
    seen.add(v.name);
  }
  const first = ordered[0]!;
  const finished = ordered.map((r) => r.finishedAt);
  const escapedErrors = ordered.flatMap((r) => r.escapedErrors ?? []);
  // Key order as the runner writes results.json, so the merged file reads the same as an unsharded one.
  return {
    schemaVersion: SCHEMA_VERSION,
    ...(first.harness ? { harness: first.harness } : {}),
    ...(first.command ? { command: first.command } : {}),
    runId: first.runId,
    profile: first.profile,
    target: first.target,
    startedAt: earliest(ordered.map((r) => r.startedAt)),
    interrupted: ordered.some((r) => r.interrupted),
    variants: structuredClone(variants),
    ...(finished.every((f): f is string => f !== undefined) ? { finishedAt: latest(finished) } : {}),
    ...(escapedErrors.length ? { escapedErrors: structuredClone(escapedErrors) } : {}),
  };
}

function sameEverywhere(runs: RunResult[], field: 'profile' | 'target'): void {
  const values = [...new Set(runs.map((r) => r[field]))];
  if (values.length > 1)
    throw new ConfigError(`the inputs come from different ${field}s`, { field, value: values, fix: `merge only shards of one run (same --${field})` });
}

/** Shards sorted by index, checked to be complete; unsharded inputs keep their order. */
function orderShards(runs: RunResult[]): RunResult[] {
  const sharded = runs.filter((r) => r.shard);
  if (sharded.length === 0) return runs;
  if (sharded.length !== runs.length)
    throw new ConfigError('some inputs are shards and some are not', { field: 'shard', fix: 'merge either the shards of one run or whole runs' });
  const counts = [...new Set(sharded.map((r) => r.shard!.count))];
  if (counts.length > 1) throw new ConfigError('the shards were split differently', { field: 'shard.count', value: counts, fix: 'merge shards of one run (same n in --shard i/n)' });
  const count = counts[0]!;
  const byIndex = new Map<number, RunResult>();
  for (const r of sharded) {
    if (byIndex.has(r.shard!.index)) throw new ConfigError('the same shard is given twice', { field: 'shard.index', value: `${r.shard!.index}/${count}` });
    byIndex.set(r.shard!.index, r);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0)
    throw new ConfigError(`shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing`, {
      field: 'shard',
      fix: 'download the results of every shard job (a failed shard still uploads its results.json)',
    });
  return Array.from({ length: count }, (_, i) => byIndex.get(i + 1)!);
}

/** Inverse of shardVariants: position p of the profile is shard (p mod n)'s entry number floor(p / n). */
function dealBack(shards: RunResult[]): VariantResult[] {
  const out: VariantResult[] = [];
  const longest = Math.max(...shards.map((s) => s.variants.length));
  for (let k = 0; k < longest; k++) for (const s of shards) if (k < s.variants.length) out.push(s.variants[k]!);
  return out;
}

const earliest = (ts: string[]) => ts.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
const latest = (ts: string[]) => ts.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
