// The one place suites wait: `eventually` polls a condition until it holds or its deadline passes, `sleep` pauses
// (backoff between retries, never "long enough for something to happen": that is a condition to poll). Every wait
// adds the time it took to the running suite file's account, which harness/suite-kit/wait-hooks.ts hands to the
// report (results.json variants[].waitedMs). Time goes through a Clock so the harness's tests run waits instantly.

import { DynamoError } from '../client/dynamo-client.ts';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/**
 * How long a wait may last and where that bound comes from (a setting of the endpoint, e.g. its TTL scan period, or
 * the reference that chose it): the message of a wait that runs out names both.
 */
export interface Deadline {
  ms: number;
  from: string;
}

export interface WaitOptions {
  /** Pause between two checks (default 200 ms; never past the deadline). */
  stepMs?: number;
  clock?: Clock;
}

/** A condition did not hold by its deadline. `cause`: what its last check threw. */
export class WaitDeadlineError extends Error {
  constructor(
    readonly condition: string,
    readonly deadline: Deadline,
    readonly checks: number,
    cause: unknown,
  ) {
    const last = cause instanceof Error ? cause.message : String(cause);
    super(`${condition}: still not true after ${deadline.ms} ms (deadline from ${deadline.from}; ${checks} check(s)); last check: ${last}`, { cause });
    this.name = 'WaitDeadlineError';
    // The last assertion's expected and actual values, so the report shows its diff as it would without the wait.
    const assertion = cause as { actual?: unknown; expected?: unknown; showDiff?: boolean } | undefined;
    if (assertion && typeof assertion === 'object' && 'expected' in assertion) Object.assign(this, { actual: assertion.actual, expected: assertion.expected, showDiff: assertion.showDiff });
  }
}

/** Milliseconds the suite file running in this worker has waited so far (waits of concurrent cases add up). */
let waitedInFile = 0;

/** Starts a suite file's account (a worker runs files one after another: vitest isolate is off). */
export function resetWaited(): void {
  waitedInFile = 0;
}

export function waited(): number {
  return waitedInFile;
}

/** Pauses, and counts the pause as waiting. */
export async function sleep(ms: number, clock: Clock = realClock): Promise<void> {
  const start = clock.now();
  try {
    await clock.sleep(ms);
  } finally {
    waitedInFile += clock.now() - start;
  }
}

/**
 * Checks `check` (an assertion: it throws while the condition does not hold) until it returns, and returns its value:
 * the wait ends at the first check that holds. After the deadline, one last check; if it still throws, a
 * WaitDeadlineError names the condition, the deadline and where the deadline comes from; an operation the endpoint
 * does not implement fails at once, as it is. A condition that holds at
 * the first check waited nothing; otherwise the time from the first check to the last counts as waiting.
 * For what the API makes eventually consistent (GSIs, tags on DynamoDB, streams, TTL expiry, other datacenters).
 */
export async function eventually<T>(condition: string, check: () => Promise<T>, deadline: Deadline, o: WaitOptions = {}): Promise<T> {
  const clock = o.clock ?? realClock;
  const stepMs = o.stepMs ?? 200;
  const start = clock.now();
  const end = start + deadline.ms;
  let checks = 0;
  try {
    for (;;) {
      checks++;
      try {
        return await check();
      } catch (e) {
        if (neverHolds(e)) throw e;
        const left = end - clock.now();
        if (left <= 0) throw new WaitDeadlineError(condition, deadline, checks, e);
        await clock.sleep(Math.min(stepMs, left));
      }
    }
  } finally {
    if (checks > 1) waitedInFile += clock.now() - start;
  }
}

/**
 * An answer no wait can change: the endpoint does not implement the operation (Alternator's server.cc
 * handle_api_request looks the operation up before anything else: UnknownOperationException "Unsupported operation").
 * Polling it to the deadline would only delay the same failure. Other refusals (AccessDenied while a grant reaches the
 * permissions cache, ResourceNotFound while a table reaches another datacenter) may be the state being waited out.
 */
function neverHolds(e: unknown): boolean {
  return e instanceof DynamoError && e.type === 'UnknownOperationException';
}

/** One wait after another (an expiry, then its stream record): their deadlines add up. */
export function plus(a: Deadline, b: Deadline): Deadline {
  return { ms: a.ms + b.ms, from: `${a.from}; then ${b.from}` };
}
