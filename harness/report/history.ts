// Earlier runs to compare a run with: every results.json below the reports directory and any --history directory
// (e.g. downloaded CI artifacts), checked and reduced to verdicts. Bad input never stops a run and never makes a
// case look fixed: a file that cannot take part is skipped with its path and the reason.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { z } from 'zod';
import { schemaVersionProblem, type RunResult } from './results.ts';
import { compareWithHistory, toHistoryRun, DEFAULT_WINDOW, type ComparableRun, type HistoryRun, type RunHistory, type SkippedRun } from './compare.ts';
import { ConfigError } from '../util/errors.ts';

/** Earlier runs kept for "still failing since"; older ones are dropped while reading (memory stays bounded). */
export const MAX_HISTORY_RUNS = 30;

// Only what the comparison reads: other fields may come and go without a schema version change.
const Case = z.object({ name: z.string(), status: z.string(), outcome: z.string(), failure: z.object({ message: z.string() }).optional() });
const Suite = z.object({ suite: z.string(), file: z.string().optional(), error: z.string().optional(), durationMs: z.number().optional(), cases: z.array(Case) });
const Variant = z.object({ name: z.string(), provisioning: z.object({ status: z.string() }).optional(), suites: z.array(Suite) });
const Escaped = z.object({ file: z.string().optional(), message: z.string() });
const RunFile = z.object({
  runId: z.string().min(1),
  profile: z.string(),
  target: z.string(),
  startedAt: z.string(),
  interrupted: z.boolean().optional(),
  variants: z.array(Variant),
  escapedErrors: z.array(Escaped).optional(),
});

export type ReadRun = ComparableRun & { profile: string; target: string; interrupted?: boolean };
export type ReadOutcome = { ok: true; run: ReadRun } | { ok: false; reason: string; runId?: string };

/** Reads one results.json; never throws. */
export function readResultsFile(file: string): ReadOutcome {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, reason: `unreadable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `not valid JSON, truncated or damaged (${(e as Error).message})` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, reason: 'not a results file (not a JSON object)' };
  const runId = typeof (data as { runId?: unknown }).runId === 'string' ? (data as { runId: string }).runId : undefined;
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  const unreadable = schemaVersionProblem(version);
  if (unreadable) return { ok: false, ...(runId ? { runId } : {}), reason: unreadable };
  const parsed = RunFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, ...(runId ? { runId } : {}), reason: `not a complete results file: ${issue.path.join('.') || '(top)'}: ${issue.message}` };
  }
  const checkpoint = (data as { checkpoint?: { phase?: unknown } }).checkpoint;
  if (checkpoint)
    return { ok: false, runId: parsed.data.runId, reason: `never finished: the process ended during ${String(checkpoint.phase)}, after the report written before teardown` };
  if (Number.isNaN(Date.parse(parsed.data.startedAt))) return { ok: false, runId: parsed.data.runId, reason: `startedAt ${JSON.stringify(parsed.data.startedAt)} is not a date` };
  return { ok: true, run: parsed.data };
}

/** Every results.json below `dir`, sorted. Symbolic links (reports/latest) and diagnostics are not followed. */
export function findResultsFiles(dir: string): { files: string[]; problems: SkippedRun[] } {
  const files: string[] = [];
  const problems: SkippedRun[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch (e) {
      problems.push({ source: d, reason: `directory unreadable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
      return;
    }
    for (const n of names) {
      const p = join(d, n);
      let st;
      try {
        st = lstatSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory() && !SKIPPED_DIRS.has(n)) walk(p);
      else if (n === 'results.json' && st.isFile()) files.push(p);
    }
  };
  walk(dir);
  return { files, problems };
}

const SKIPPED_DIRS = new Set(['diagnostics', 'node_modules', '.git']);

/** Verdicts at all: a suite ran or a deployment failed (a load-only run has none and takes no part). */
const hasVerdicts = (r: ComparableRun) => r.variants.some((v) => v.suites.length > 0 || v.provisioning?.status === 'failed');

export interface LoadedHistory {
  runs: HistoryRun[];
  skipped: SkippedRun[];
  /** Older comparable runs existed than MAX_HISTORY_RUNS. */
  truncated: boolean;
}

/**
 * Earlier runs of the current run's profile and target below `dirs`. Results with one run id (a run's shards, or
 * shards and their merge) join into one run; a file of another profile, target or schema version, a damaged file,
 * or a run that started after the current one is skipped with the reason.
 */
export function loadHistory(
  current: { runId: string; profile: string; target: string; startedAt: string },
  dirs: readonly string[],
  o: { excludeDir?: string; maxRuns?: number } = {},
): LoadedHistory {
  const maxRuns = o.maxRuns ?? MAX_HISTORY_RUNS;
  const skipped: SkippedRun[] = [];
  const seen = new Set<string>();
  const exclude = o.excludeDir && existsSync(o.excludeDir) ? realpathSync(o.excludeDir) + sep : undefined;
  const groups = new Map<string, { run: ComparableRun; source: string }>();
  let truncated = false;
  const currentStart = Date.parse(current.startedAt);
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    const found = findResultsFiles(realpathSync(resolve(dir)));
    skipped.push(...found.problems);
    for (const file of found.files) {
      if (seen.has(file) || (exclude && file.startsWith(exclude))) continue;
      seen.add(file);
      const r = readResultsFile(file);
      const source = dirname(file);
      if (!r.ok) {
        skipped.push({ source, ...(r.runId ? { runId: r.runId } : {}), reason: r.reason });
        continue;
      }
      const run = r.run;
      if (run.runId === current.runId) continue; // this run itself (or a shard of it)
      const why =
        run.profile !== current.profile
          ? `profile ${run.profile}, this run's is ${current.profile}`
          : run.target !== current.target
            ? `target ${run.target}, this run's is ${current.target}`
            : Date.parse(run.startedAt) >= currentStart
              ? `started ${run.startedAt}, not before this run (${current.startedAt})`
              : run.interrupted
                ? 'interrupted (SIGINT/SIGTERM): its partial results take no part in new, fixed or flaky'
                : undefined;
      if (why) {
        skipped.push({ source, runId: run.runId, reason: why });
        continue;
      }
      if (!hasVerdicts(run)) continue;
      const group = groups.get(run.runId);
      if (group) joinShard(group.run, run);
      else groups.set(run.runId, { run: { runId: run.runId, startedAt: run.startedAt, variants: run.variants, ...(run.escapedErrors ? { escapedErrors: run.escapedErrors } : {}) }, source });
      if (groups.size > maxRuns) {
        const oldest = [...groups.values()].reduce((a, b) => (Date.parse(b.run.startedAt) < Date.parse(a.run.startedAt) ? b : a));
        groups.delete(oldest.run.runId);
        truncated = true;
      }
    }
  }
  return { runs: [...groups.values()].map((g) => toHistoryRun(g.run, g.source)), skipped, truncated };
}

/** Shards of one run (and their merge) hold each variant once; the first copy read wins. */
function joinShard(into: ComparableRun, shard: ComparableRun): void {
  const have = new Set(into.variants.map((v) => v.name));
  const fresh = shard.variants.filter((v) => !have.has(v.name));
  into.variants = [...into.variants, ...fresh];
  // A shard's escaped errors come with its variants; a merge of shards already read repeats them.
  if (fresh.length && shard.escapedErrors?.length) into.escapedErrors = [...(into.escapedErrors ?? []), ...shard.escapedErrors];
  if (Date.parse(shard.startedAt) < Date.parse(into.startedAt)) into.startedAt = shard.startedAt;
}

/**
 * The `history` of a run's results.json: the run compared with the earlier runs below `dirs`.
 * Never throws (a run's report must be written whatever the history holds); undefined when it failed.
 */
export function runHistory(
  current: RunResult,
  dirs: readonly string[],
  o: { excludeDir?: string; window?: number; onError?: (message: string) => void } = {},
): RunHistory | undefined {
  try {
    const loaded = loadHistory(current, dirs, { excludeDir: o.excludeDir });
    return compareWithHistory(current, loaded.runs, { window: o.window ?? DEFAULT_WINDOW, skipped: loaded.skipped, truncated: loaded.truncated });
  } catch (e) {
    o.onError?.(`history not computed: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

/**
 * One run named on the command line (`report diff`): a results.json, a run directory, or a directory whose
 * results.json files all belong to one run (its shards). Anything else is a ConfigError naming the argument.
 */
export function readRunArgument(arg: string, label: string): ReadRun & { source: string } {
  const path = resolve(arg);
  const fail = (message: string, fix?: string) => new ConfigError(message, { field: label, value: arg, ...(fix ? { fix } : {}) });
  if (!existsSync(path)) throw fail('no such file or directory');
  let files: string[];
  if (statSync(path).isDirectory()) {
    const direct = join(path, 'results.json');
    files = existsSync(direct) ? [direct] : findResultsFiles(path).files;
    if (files.length === 0) throw fail('no results.json in or below this directory', "give a run's directory (reports/<run-id>) or its results.json");
  } else files = [path];
  const runs = files.map((f) => {
    const r = readResultsFile(f);
    if (!r.ok) throw fail(`${f}: ${r.reason}`, 'give the results.json of a finished run (a damaged file cannot be compared)');
    return r.run;
  });
  const ids = [...new Set(runs.map((r) => r.runId))];
  if (ids.length > 1) throw fail(`holds ${ids.length} runs (${ids.join(', ')})`, "name one run's directory or results.json");
  const run: ReadRun = { ...runs[0]!, variants: [...runs[0]!.variants] };
  for (const shard of runs.slice(1)) joinShard(run, shard);
  return { ...run, source: files.length === 1 ? files[0]! : path };
}
