// Waiting by polling with a deadline (watches drop silently; polling reports the last state it saw).
// Time goes through a Clock so tests run scripted waits instantly, without asserting wall-clock time.
import { ProvisionError } from '../../util/errors.ts';
import { isRetryableInfraError } from './kube-api.ts';

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with InterruptedError when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new InterruptedError());
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(t);
        reject(new InterruptedError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** The run was interrupted (SIGINT/SIGTERM); never a test result. */
export class InterruptedError extends ProvisionError {
  constructor(step = 'interrupted') {
    super('interrupted', step);
    this.name = 'InterruptedError';
  }
}

/** A wait ran out of time; carries the last state observed, which is what explains the failure. */
export class WaitTimeoutError extends ProvisionError {
  constructor(
    readonly what: string,
    readonly lastStatus: string,
    readonly timeoutMs: number,
    step: string,
  ) {
    super(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}; last observed: ${lastStatus}`, step);
    this.name = 'WaitTimeoutError';
  }
}

export interface Observation<T> {
  done: boolean;
  /** One line describing the state, reported on timeout. */
  status: string;
  value?: T;
  /** Set when waiting longer cannot help (e.g. a container in CrashLoopBackOff): fail now with this reason. */
  fatal?: string;
}

export interface PollOptions {
  timeoutMs: number;
  intervalMs: number;
  clock: Clock;
  signal?: AbortSignal;
  /** Step name carried by the ProvisionError on failure. */
  step: string;
}

/** PollOptions from a context that carries the run's polling interval, clock and signal. */
export function pollOptions(c: { pollIntervalMs: number; clock: Clock; signal?: AbortSignal }, timeoutMs: number, step: string): PollOptions {
  return { timeoutMs, intervalMs: c.pollIntervalMs, clock: c.clock, step, ...(c.signal ? { signal: c.signal } : {}) };
}

export async function pollUntil<T>(what: string, probe: () => Promise<Observation<T>>, o: PollOptions): Promise<T | undefined> {
  const deadline = o.clock.now() + o.timeoutMs;
  let last = 'nothing observed yet';
  for (;;) {
    if (o.signal?.aborted) throw new InterruptedError(o.step);
    try {
      const obs = await probe();
      last = obs.status;
      if (obs.done) return obs.value;
      if (obs.fatal) throw new ProvisionError(`${what}: ${obs.fatal}; last observed: ${obs.status}`, o.step);
    } catch (e) {
      // A flaky API call while waiting is not the answer to what we wait for: note it and keep polling.
      if (!isRetryableInfraError(e)) throw e;
      last = `API error: ${(e as Error).message}`;
    }
    if (o.clock.now() >= deadline) throw new WaitTimeoutError(what, last, o.timeoutMs, o.step);
    await o.clock.sleep(o.intervalMs, o.signal);
  }
}

/** Bounds a step that has no deadline of its own (teardown must end even if the API server hangs). */
export function withDeadline<T>(p: Promise<T>, ms: number, what: string, step: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProvisionError(`${what} did not finish within ${Math.round(ms / 1000)}s`, step)), ms);
    timer.unref();
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

/** A provisioning failure whose diagnostics were written first; reporters link `diagnosticsDir`. */
export class DiagnosedProvisionError extends ProvisionError {
  constructor(
    message: string,
    step: string | undefined,
    readonly diagnosticsDir: string,
    options?: { cause?: unknown },
  ) {
    super(`${message} (diagnostics: ${diagnosticsDir})`, step, options);
    this.name = 'DiagnosedProvisionError';
  }
}

/** Seconds on `clock` since `t0` (its now()), to a tenth: what results.json `phases` records. */
export const secondsSince = (clock: Clock, t0: number): number => Math.round((clock.now() - t0) / 100) / 10;
