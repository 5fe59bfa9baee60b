// Directories a command writes to (--reports, report merge --out): checked before anything starts, so a path that
// names a file or cannot be written is a usage error naming the flag, not a stack trace after the run.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../util/errors.ts';
import { describeSystemError } from './system-errors.ts';

/** Creates `dir` when missing and checks this user may write there; returns it absolute. */
export function writableDirectory(dir: string, flag: string): string {
  const abs = resolve(dir);
  try {
    mkdirSync(abs, { recursive: true });
    accessSync(abs, constants.W_OK);
  } catch (e) {
    throw new ConfigError(`cannot write reports there: ${describeSystemError(e)?.line ?? (e as Error).message}`, {
      field: flag,
      value: dir,
      fix: 'give a directory this user can write (created when missing), not a file',
    });
  }
  return abs;
}
