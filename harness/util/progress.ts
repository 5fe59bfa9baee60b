// Progress lines for every step that may take more than a moment: what starts, what is awaited, how long it took.
export interface Progress {
  step(message: string): void;
  waiting(what: string): void;
  done(message: string, startedAt?: number): void;
  warn(message: string): void;
}

export function consoleProgress(stream: NodeJS.WritableStream = process.stderr, quiet = false): Progress {
  const t0 = Date.now();
  const stamp = () => `[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s]`;
  const write = (s: string) => {
    if (!quiet) stream.write(`${stamp()} ${s}\n`);
  };
  return {
    step: (m) => write(`▶ ${m}`),
    waiting: (w) => write(`… waiting for ${w}`),
    done: (m, startedAt) => write(`✓ ${m}${startedAt ? ` (${((Date.now() - startedAt) / 1000).toFixed(1)}s)` : ''}`),
    warn: (m) => write(`! ${m}`),
  };
}

export const silentProgress: Progress = { step() {}, waiting() {}, done() {}, warn() {} };

/** A clock and a repeating timer, injected so progress over time is tested with a fake clock, never wall time. */
export interface Ticker {
  now(): number;
  /** Calls `fn` every `ms`; returns what stops it. The timer never keeps the process alive. */
  every(ms: number, fn: () => void): () => void;
}

export const realTicker: Ticker = {
  now: () => Date.now(),
  every(ms, fn) {
    const t = setInterval(fn, ms);
    t.unref();
    return () => clearInterval(t);
  },
};
