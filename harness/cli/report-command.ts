// `report merge --out DIR DIR...`: joins the results of a run's shards (each results.json found anywhere
// below the given directories) into one run directory with the same files an unsharded run writes.
// `report diff RUN_A RUN_B`: what changed from run A to run B, with the words of a run's own history section.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mergeRuns } from '../report/merge.ts';
import { writeRunFiles } from '../run/run.ts';
import { schemaVersionProblem, type RunResult } from '../report/results.ts';
import { ConfigError } from '../util/errors.ts';
import { readRunArgument, runHistory } from '../report/history.ts';
import { compareWithHistory, toHistoryRun } from '../report/compare.ts';
import { changeGroups, historyCounts, historyReportLines } from '../report/history-text.ts';
import { groupTitle } from '../report/failure-groups.ts';
import { announceToGitHub } from '../report/github-actions.ts';
import { mdCell, shortTime } from '../report/format.ts';
import { historyMarkdown } from '../report/history-md.ts';
import { anyMissing, missingLines, missingMarkdown, missingResults } from '../report/missing.ts';
import { EXIT } from './exit-codes.ts';
import { writableDirectory } from './output-dir.ts';

export function findResultFiles(dir: string): string[] {
  if (!existsSync(dir)) throw new ConfigError('no such directory', { field: 'report merge', value: dir });
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      const st = statSync(p);
      if (st.isDirectory() && n !== 'latest') walk(p);
      else if (n === 'results.json') out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function mergeCommand(out: string, inputs: string[], historyDirs: string[] = [], env: NodeJS.ProcessEnv = process.env): RunResult {
  const files = inputs.flatMap((d) => findResultFiles(resolve(d)));
  if (files.length === 0) throw new ConfigError('no results.json below the given directories', { field: 'report merge', value: inputs });
  checkHistoryDirs(historyDirs);
  const outDir = writableDirectory(out, '--out');
  const merged = mergeRuns(files.map(readMergeInput));
  if (historyDirs.length) merged.history = runHistory(merged, historyDirs, { excludeDir: outDir });
  writeRunFiles(merged, outDir);
  // The shards annotated their own failures; the merge adds the whole run's summary to the job summary.
  announceToGitHub(merged, join(outDir, 'summary.md'), { env, out: process.stdout, warn: (m) => process.stderr.write(`warning: ${m}\n`), annotations: false });
  return merged;
}

/** One shard's results.json, or a usage error naming the file and why (damaged, or a schema version not read here). */
function readMergeInput(file: string): RunResult {
  let data: RunResult;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as RunResult;
  } catch (e) {
    throw new ConfigError(`not readable as JSON (${(e as Error).message})`, { field: file, fix: 'give the results.json of a finished run' });
  }
  const unreadable = schemaVersionProblem(data?.schemaVersion);
  if (unreadable) throw new ConfigError(unreadable, { field: file, fix: 'merge results written by this harness version (or re-run the shard)' });
  return data;
}

/** `--history DIR`: a directory that is not there is a usage error before anything starts. */
export function checkHistoryDirs(dirs: readonly string[]): void {
  for (const d of dirs)
    if (!existsSync(d) || !statSync(d).isDirectory())
      throw new ConfigError('no such directory', { field: '--history', value: d, fix: 'give a directory holding earlier runs (reports/, or downloaded CI artifacts)' });
}

export interface DiffOptions {
  /** Exit 1 when results of A have none in B (variants, suite files, cases). */
  failOnMissing?: boolean;
  /** Print one JSON document instead of text. */
  json?: boolean;
  /** Print markdown for a pull-request comment instead of text. */
  markdown?: boolean;
}

/**
 * Prints what changed from run A to run B and what of A has no result in B. Exit 1 when B has new failures (a CI step
 * can gate on regressions, not on known failures) or, with --fail-on-missing, when results of A vanished; else 0.
 */
export function diffCommand(a: string, b: string, o: DiffOptions = {}, out: NodeJS.WritableStream = process.stdout): number {
  if (o.json && o.markdown) throw new ConfigError('--json and --markdown both given', { field: '--markdown', fix: 'choose one output' });
  const runA = readRunArgument(a, 'RUN_A');
  const runB = readRunArgument(b, 'RUN_B');
  const h = compareWithHistory(runB, [toHistoryRun(runA, runA.source)]);
  const missing = missingResults(runA, runB);
  const exitCode = h.newFailures.length > 0 || (o.failOnMissing && anyMissing(missing)) ? EXIT.failures : EXIT.ok;
  const describe = (r: typeof runA) => `run ${r.runId}: profile ${r.profile} on target ${r.target}, started ${shortTime(r.startedAt)} (${r.source})`;
  const differ = runA.profile !== runB.profile || runA.target !== runB.target;
  if (o.json) {
    const run = (r: typeof runA) => ({ runId: r.runId, profile: r.profile, target: r.target, startedAt: r.startedAt, source: r.source });
    const { comparedWith: _c, window: _w, skipped: _s, trend: _t, ...changes } = h;
    out.write(`${JSON.stringify({ a: run(runA), b: run(runB), changes, missing, exitCode }, null, 2)}\n`);
  } else if (o.markdown) {
    const lines = [
      `## alternator-e2e report diff: ${historyCounts(h)}; ${missing.total} result(s) of A missing from B`,
      '',
      `- A: ${mdCell(describe(runA))}`,
      `- B: ${mdCell(describe(runB))}`,
      ...(differ ? ['', '_The runs differ in profile or target; compared anyway, case by case._'] : []),
      '',
      ...missingMarkdown(missing),
      '',
      // The history section's own heading and headline are for a run against its past; the counts are above.
      ...historyMarkdown(h).slice(3),
    ];
    out.write(`${lines.join('\n')}\n`);
  } else {
    out.write(`A: ${describe(runA)}\nB: ${describe(runB)}\n`);
    if (differ) out.write('Note: the runs differ in profile or target; compared anyway, case by case.\n');
    // The causes first, largest first; the lists below expand them to cases.
    for (const [key, title] of [['newFailures', 'New failures'], ['stillFailing', 'Still failing']] as const) {
      const groups = changeGroups(h[key]);
      if (groups.length) out.write(`\n${title} by cause (${groups.length} cause(s), ${h[key].length} case(s)):\n${groups.map(({ group }) => `  ${groupTitle(group)}`).join('\n')}\n`);
    }
    out.write(`\n${historyReportLines(h, { headline: `B against A: ${historyCounts(h)}` }).join('\n')}\n`);
    out.write(`\n${missingLines(missing).join('\n')}\n`);
  }
  return exitCode;
}
