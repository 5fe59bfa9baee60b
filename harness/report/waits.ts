// Time the suites spent waiting for conditions (TTL expiry, stream records, index backfill, replication...), per
// suite file and variant: what a run on a real cluster pays beyond its requests (bench:real's latency model reads
// variants[].waitedMs.total), and where a slow file's time goes.
import type { RunResult, SuiteResult, WaitedTime } from './results.ts';

/** Waits shorter than this are not listed by the summary and the console (they are all in results.json). */
export const WAITS_SHOWN_FROM_MS = 1000;

/** A variant's waits from its suite files' accounts (files that measured none count 0). */
export function waitedTime(suites: readonly SuiteResult[]): WaitedTime {
  const byFile: Record<string, number> = {};
  for (const s of suites) if (s.waitedMs !== undefined) byFile[s.file] = (byFile[s.file] ?? 0) + s.waitedMs;
  return { total: Object.values(byFile).reduce((a, b) => a + b, 0), byFile };
}

export interface FileWait {
  variant: string;
  file: string;
  ms: number;
}

/** Every variant's file waits of at least `fromMs`, longest first. */
export function longWaits(run: RunResult, fromMs = WAITS_SHOWN_FROM_MS): FileWait[] {
  return run.variants
    .flatMap((v) => Object.entries(v.waitedMs?.byFile ?? {}).map(([file, ms]) => ({ variant: v.name, file, ms })))
    .filter((w) => w.ms >= fromMs)
    .sort((a, b) => b.ms - a.ms || a.variant.localeCompare(b.variant) || a.file.localeCompare(b.file));
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
