// `report merge --out DIR DIR...`: joins the results of a run's shards (each results.json found anywhere
// below the given directories) into one run directory with the same files an unsharded run writes.
// `report diff RUN_A RUN_B`: what changed from run A to run B, with the words of a run's own history section.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mergeRuns } from '../report/merge.ts';
import { writeRunFiles } from '../run/run.ts';
import type { RunResult } from '../report/results.ts';
import { ConfigError } from '../util/errors.ts';
import { readRunArgument, runHistory } from '../report/history.ts';
import { compareWithHistory, toHistoryRun } from '../report/compare.ts';
import { changeGroups, historyCounts, historyReportLines } from '../report/history-text.ts';
import { groupTitle } from '../report/failure-groups.ts';
import { announceToGitHub } from '../report/github-actions.ts';
import { shortTime } from '../report/format.ts';
import { EXIT } from './exit-codes.ts';

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

export function mergeCommand(out: string, inputs: string[], historyDirs: string[] = []): RunResult {
  const files = inputs.flatMap((d) => findResultFiles(resolve(d)));
  if (files.length === 0) throw new ConfigError('no results.json below the given directories', { field: 'report merge', value: inputs });
  checkHistoryDirs(historyDirs);
  const merged = mergeRuns(files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as RunResult));
  if (historyDirs.length) merged.history = runHistory(merged, historyDirs, { excludeDir: resolve(out) });
  writeRunFiles(merged, resolve(out));
  // The shards annotated their own failures; the merge adds the whole run's summary to the job summary.
  announceToGitHub(merged, join(resolve(out), 'summary.md'), { env: process.env, out: process.stdout, warn: (m) => process.stderr.write(`warning: ${m}\n`), annotations: false });
  return merged;
}

/** `--history DIR`: a directory that is not there is a usage error before anything starts. */
export function checkHistoryDirs(dirs: readonly string[]): void {
  for (const d of dirs)
    if (!existsSync(d) || !statSync(d).isDirectory())
      throw new ConfigError('no such directory', { field: '--history', value: d, fix: 'give a directory holding earlier runs (reports/, or downloaded CI artifacts)' });
}

/** Prints what changed from run A to run B; exit 1 only when B has new failures (a CI step can gate on regressions). */
export function diffCommand(a: string, b: string, out: NodeJS.WritableStream = process.stdout): number {
  const runA = readRunArgument(a, 'RUN_A');
  const runB = readRunArgument(b, 'RUN_B');
  const h = compareWithHistory(runB, [toHistoryRun(runA, runA.source)]);
  const describe = (r: typeof runA) => `run ${r.runId}: profile ${r.profile} on target ${r.target}, started ${shortTime(r.startedAt)} (${r.source})`;
  out.write(`A: ${describe(runA)}\nB: ${describe(runB)}\n`);
  if (runA.profile !== runB.profile || runA.target !== runB.target) out.write('Note: the runs differ in profile or target; compared anyway, case by case.\n');
  // The causes first, largest first; the lists below expand them to cases.
  for (const [key, title] of [['newFailures', 'New failures'], ['stillFailing', 'Still failing']] as const) {
    const groups = changeGroups(h[key]);
    if (groups.length) out.write(`\n${title} by cause (${groups.length} cause(s), ${h[key].length} case(s)):\n${groups.map(({ group }) => `  ${groupTitle(group)}`).join('\n')}\n`);
  }
  out.write(`\n${historyReportLines(h, { headline: `B against A: ${historyCounts(h)}` }).join('\n')}\n`);
  return h.newFailures.length > 0 ? EXIT.failures : EXIT.ok;
}
