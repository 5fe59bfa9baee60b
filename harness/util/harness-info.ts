// Which harness is running: its package version and the git commit of its checkout, so two reports can answer
// "did the harness change, or ScyllaDB?". Written into results.json, the JUnit properties and every page.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './paths.ts';
import type { HarnessInfo } from '../report/results.ts';

let cached: HarnessInfo | undefined;

function git(args: string[]): string | undefined {
  try {
    // A generous timeout: on a loaded machine a slow git must not make two runs of one checkout disagree on the commit.
    return execFileSync('git', ['-C', projectRoot(), ...args], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/**
 * The harness's version (package.json) and commit: `git rev-parse HEAD` of its checkout with `+dirty` when tracked
 * files changed; outside a checkout (an image built from it) $ALTERNATOR_E2E_COMMIT when set.
 */
export function harnessInfo(): HarnessInfo {
  if (cached) return cached;
  const version = (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  const head = git(['rev-parse', 'HEAD']);
  const commit = head ? `${head}${git(['status', '--porcelain', '--untracked-files=no']) ? '+dirty' : ''}` : process.env.ALTERNATOR_E2E_COMMIT || undefined;
  cached = { version, ...(commit ? { commit } : {}) };
  return cached;
}

/** One line: "alternator-e2e 0.1.0 (commit 5e80749…)". */
export function describeHarness(h: HarnessInfo | undefined = harnessInfo()): string {
  return `alternator-e2e ${h.version}${h.commit ? ` (commit ${h.commit})` : ''}`;
}
