// In GitHub Actions (GITHUB_ACTIONS=true): one `::error` annotation per failure group (on the suite file, titled
// with the group's size), and summary.md appended to the job summary ($GITHUB_STEP_SUMMARY), so a workflow needs no
// step of its own for either. Workflow command syntax and escaping: GitHub's docs "Workflow commands for GitHub
// Actions" (setting an error message; the job summary) and actions/toolkit packages/core/src/command.ts
// (escapeData: % \r \n; escapeProperty: also : and ,).
import { appendFileSync, readFileSync } from 'node:fs';
import type { RunResult } from './results.ts';
import { groupSize, knownLine, runFailureGroups, type FailureGroup } from './failure-groups.ts';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** The repository path of a group's suite file (suites/<family>/<name>.test.ts), as the JUnit names it. */
const fileOf = (g: FailureGroup) => `suites/${g.suite.endsWith('.test.ts') ? g.suite : `${g.suite}.test.ts`}`;

/** One `::error file=…,title=…::message` line per failure group, largest first. */
export function githubAnnotations(run: RunResult): string[] {
  return runFailureGroups(run).map((g) => {
    const title = `${g.type === 'EscapedError' ? 'escaped error' : groupSize(g)} (${g.suite})`;
    const names = [...new Set(g.items.map((i) => i.name))];
    const message = [
      `${g.message}${g.valuesVary ? ' (values vary)' : ''}`,
      `variants: ${g.variants.join(', ')}`,
      `cases: ${names.slice(0, 5).join('; ')}${names.length > 5 ? `; … and ${names.length - 5} more (summary.md)` : ''}`,
      ...g.knownElsewhere.map(knownLine),
    ].join('\n');
    return `::error file=${escapeProperty(fileOf(g))},title=${escapeProperty(title)}::${escapeData(message)}`;
  });
}

export interface GitHubOptions {
  env: NodeJS.ProcessEnv;
  /** Where workflow commands go: the job's stdout. */
  out: NodeJS.WritableStream;
  warn: (message: string) => void;
  /** Annotations too (a merge of shards that annotated already appends only the summary). */
  annotations?: boolean;
}

/** Does nothing outside GitHub Actions. A job summary that cannot be written is a warning, never a failed run. */
export function announceToGitHub(run: RunResult, summaryMd: string, o: GitHubOptions): void {
  if (o.env.GITHUB_ACTIONS !== 'true') return;
  if (o.annotations !== false) for (const line of githubAnnotations(run)) o.out.write(`${line}\n`);
  const target = o.env.GITHUB_STEP_SUMMARY;
  if (!target) return;
  try {
    appendFileSync(target, `${readFileSync(summaryMd, 'utf8')}\n`);
  } catch (e) {
    o.warn(`job summary not written to $GITHUB_STEP_SUMMARY (${target}): ${e instanceof Error ? e.message : String(e)}`);
  }
}
