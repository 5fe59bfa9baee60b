// Suite discovery: every `suites/<family>/<name>.test.ts` is a suite "<family>/<name>"; a profile or
// `--suite` may name a family ("api"), one suite ("api/items") or "all".
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { suitesDir } from '../util/paths.ts';
import { ConfigError } from '../util/errors.ts';

export interface SuiteFile {
  id: string;
  file: string;
}

export function discoverSuites(dir = suitesDir()): SuiteFile[] {
  const out: SuiteFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.test.ts')) out.push({ id: relative(dir, p).replace(/\.test\.ts$/, ''), file: p });
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
