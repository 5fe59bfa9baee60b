// SIGINT / SIGTERM for a run: the first asks the run to stop (suites cancelled, deployments stopped, partial
// report written, exit 130 / 143); a second writes what the run has (synchronously) and exits without waiting for
// teardown. GitHub cancels a job with SIGINT, then SIGTERM 7.5 s later, then SIGKILL: the second signal is the last
// moment anything can be written. bin/alternator-e2e.mjs remembers a signal that arrives while the CLI is still
// loading, so an early Ctrl-C stops the run as soon as it exists.
import { EXIT } from './exit-codes.ts';

export type StopSignal = 'SIGINT' | 'SIGTERM';

const EARLY = Symbol.for('alternator-e2e.early-signal');
const EARLY_LISTENER = Symbol.for('alternator-e2e.early-signal-listener');
type Globals = { [EARLY]?: StopSignal; [EARLY_LISTENER]?: (sig: StopSignal) => void };

export const exitCodeOf = (sig: StopSignal): number => (sig === 'SIGINT' ? EXIT.interruptedSigint : EXIT.interruptedSigterm);

/** A signal received before anything could handle it (while the CLI loaded), if any. */
export function earlySignal(): StopSignal | undefined {
  return (globalThis as Globals)[EARLY];
}

export interface StopSignals {
  received(): StopSignal | undefined;
  /** What to write (synchronously) when a second signal ends the process; the latest call wins. */
  beforeForcedExit(write: (second: StopSignal) => void): void;
  release(): void;
}

/**
 * Takes over SIGINT/SIGTERM for one run: `controller` is aborted with the signal's name as reason on the first (or
 * at once, if one arrived while loading); a second signal runs what `beforeForcedExit` registered, then exits
 * without cleanup. Returns what to call when done.
 */
export function handleStopSignals(controller: AbortController, out: NodeJS.WritableStream = process.stderr, exit: (code: number) => void = (c) => process.exit(c)): StopSignals {
  const g = globalThis as Globals;
  let received: StopSignal | undefined;
  let writeBeforeExit: ((second: StopSignal) => void) | undefined;
  const stop = (sig: StopSignal) => {
    if (received) {
      out.write(`\n${sig} again: writing the report as it stands, then exiting without waiting for teardown\n`);
      try {
        writeBeforeExit?.(sig);
      } catch (e) {
        out.write(`could not write the report: ${(e as Error).message}\n`);
      }
      exit(exitCodeOf(sig));
      return;
    }
    received = sig;
    out.write(`\n${sig}: stopping suites, tearing down what this run created, writing the partial report\n`);
    controller.abort(sig);
  };
  const early = g[EARLY_LISTENER];
  if (early) {
    process.off('SIGINT', early);
    process.off('SIGTERM', early);
  }
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const pending = g[EARLY];
  if (pending) {
    delete g[EARLY];
    stop(pending);
  }
  return {
    received: () => received,
    beforeForcedExit: (write) => {
      writeBeforeExit = write;
    },
    release: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}
