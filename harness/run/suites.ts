// Suite discovery: every `suites/<family>/<name>.test.ts` is a suite "<family>/<name>"; a profile or
// `--suite` may name a family ("api"), one suite ("api/items") or "all". A file whose opening comment says
// `@alternator-e2e runs-alone` runs alone on its deployment: after every other file, and with no other file of the
// run beside it (harness/run/vitest-runner.ts), for checks that measure the whole deployment (global metrics).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { suitesDir } from '../util/paths.ts';
import { ConfigError } from '../util/errors.ts';

export interface SuiteFile {
  id: string;
  file: string;
  /** Runs with nothing else on its deployment (the file's opening comment holds RUNS_ALONE_MARK). */
  runsAlone?: boolean;
}

export const RUNS_ALONE_MARK = '@alternator-e2e runs-alone';

/** Whether the file's opening comment lines hold the mark. */
function runsAlone(file: string): boolean {
  const opening = readFileSync(file, 'utf8').split('\n', 30);
  const comments = opening.slice(0, Math.max(1, opening.findIndex((l) => !l.startsWith('//'))));
  return comments.some((l) => l.includes(RUNS_ALONE_MARK));
}

export function discoverSuites(dir = suitesDir()): SuiteFile[] {
  const out: SuiteFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.test.ts')) out.push({ id: relative(dir, p).replace(/\.test\.ts$/, ''), file: p, ...(runsAlone(p) ? { runsAlone: true } : {}) });
    }
  };
  walk(dir);
  return out;
}

export function selectSuites(all: SuiteFile[], selectors: readonly string[], field: string, file?: string): SuiteFile[] {
  if (selectors.includes('all')) return all;
  const chosen = new Map<string, SuiteFile>();
  for (const s of selectors) {
    const hits = all.filter((x) => x.id === s || x.id.startsWith(`${s}/`));
    if (hits.length === 0) {
      const families = [...new Set(all.map((x) => x.id.split('/')[0]!))];
      throw new ConfigError('no such suite', { file, field, value: s, allowed: ['all', ...families, ...all.map((x) => x.id)] });
    }
    for (const h of hits) chosen.set(h.id, h);
  }
  return [...chosen.values()];
}
