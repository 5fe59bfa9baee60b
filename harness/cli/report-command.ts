// `report merge --out DIR DIR...`: joins the results of a run's shards (each results.json found anywhere
// below the given directories) into one run directory with the same files an unsharded run writes.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mergeRuns } from '../report/merge.ts';
import { writeRunFiles } from '../run/run.ts';
import type { RunResult } from '../report/results.ts';
import { ConfigError } from '../util/errors.ts';

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

export function mergeCommand(out: string, inputs: string[]): RunResult {
  const files = inputs.flatMap((d) => findResultFiles(resolve(d)));
  if (files.length === 0) throw new ConfigError('no results.json below the given directories', { field: 'report merge', value: inputs });
  const merged = mergeRuns(files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as RunResult));
  writeRunFiles(merged, resolve(out));
  return merged;
}
