// Waits end when their condition holds, run out at their deadline with a message that says why, and count toward the
// suite file's waited time. A scripted clock: nothing here depends on how fast the machine is.
import { describe, it, expect, beforeEach } from 'vitest';
import { eventually, plus, resetWaited, sleep, waited, WaitDeadlineError, type Clock } from '../../harness/suite-kit/timing.ts';
import { DynamoError } from '../../harness/client/dynamo-client.ts';

/** A clock whose time moves only when someone sleeps on it. */
function scriptedClock() {
  let now = 1_000_000;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
  return { clock, sleeps, advance: (ms: number) => (now += ms) };
}

const DEADLINE = { ms: 10_000, from: 'the fixture' };

describe('eventually', () => {
  beforeEach(() => resetWaited());

  it('ends at the first check that holds: no check after it, no pause after it', async () => {
    const { clock, sleeps } = scriptedClock();
    let checks = 0;
    const value = await eventually(
      'the third check',
      async () => {
        checks++;
        if (checks < 3) throw new Error(`check ${checks} not yet`);
        return 'held';
      },
      DEADLINE,
      { clock, stepMs: 250 },
    );
    expect(value).toBe('held');
    expect(checks).toBe(3);
    expect(sleeps).toEqual([250, 250]);
    expect(waited()).toBe(500);
  });

  it('an operation the endpoint does not implement fails at the first check, as it is; another refusal is waited out', async () => {
    const { clock, sleeps } = scriptedClock();
    const unknown = new DynamoError(400, 'UnknownOperationException', 'Unsupported operation ListStreams', 'com.amazonaws.dynamodb.v20120810#UnknownOperationException');
    let checks = 0;
    const e = await eventually('a stream record', async () => {
      checks++;
      throw unknown;
    }, DEADLINE, { clock }).catch((x: unknown) => x);
    expect(e).toBe(unknown);
    expect([checks, sleeps]).toEqual([1, []]);
    const denied = new DynamoError(400, 'AccessDeniedException', 'not yet granted', 'com.amazonaws.dynamodb.v20120810#AccessDeniedException');
    let tries = 0;
    expect(await eventually('the grant in effect', async () => {
      if (++tries < 3) throw denied;
      return 'granted';
    }, DEADLINE, { clock })).toBe('granted');
  });

  it('a condition that holds at once waits for nothing', async () => {
    const { clock, sleeps } = scriptedClock();
    expect(await eventually('at once', async () => 7, DEADLINE, { clock })).toBe(7);
    expect(sleeps).toEqual([]);
    expect(waited()).toBe(0);
  });

  it('the time the checks themselves take counts once the condition did not hold at first', async () => {
    const { clock, advance } = scriptedClock();
    let checks = 0;
    await eventually(
      'slow checks',
      async () => {
        advance(40);
        if (++checks < 2) throw new Error('no');
      },
      DEADLINE,
      { clock, stepMs: 100 },
    );
    expect(waited()).toBe(40 + 100 + 40);
  });

  it('runs out at the deadline, never pausing past it, and names the condition, the deadline, where it comes from and the last check', async () => {
    const { clock, sleeps } = scriptedClock();
    let checks = 0;
    const error = await eventually(
      'the item gone',
      async () => {
        checks++;
        throw new Error(`still there (check ${checks})`);
      },
      { ms: 1000, from: 'alternator_ttl_period_in_seconds = 1 s' },
      { clock, stepMs: 300 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitDeadlineError);
    const e = error as WaitDeadlineError;
    expect(sleeps).toEqual([300, 300, 300, 100]);
    expect(checks).toBe(5);
    expect(e.message).toBe('the item gone: still not true after 1000 ms (deadline from alternator_ttl_period_in_seconds = 1 s; 5 check(s)); last check: still there (check 5)');
    expect((e.cause as Error).message).toBe('still there (check 5)');
    expect(waited()).toBe(1000);
  });

  it("keeps the last assertion's expected and actual values, so the report still shows its diff", async () => {
    const { clock } = scriptedClock();
    const e = (await eventually('two items', async () => expect([1]).toEqual([1, 2]), { ms: 100, from: 'the fixture' }, { clock, stepMs: 50 }).catch((x: unknown) => x)) as WaitDeadlineError & { actual: unknown; expected: unknown };
    expect(e).toBeInstanceOf(WaitDeadlineError);
    expect([e.actual, e.expected]).toEqual([[1], [1, 2]]);
  });

  it('sleep counts as waiting; deadlines in sequence add up', async () => {
    const { clock } = scriptedClock();
    await sleep(120, clock);
    await sleep(30, clock);
    expect(waited()).toBe(150);
    expect(plus({ ms: 1000, from: 'a' }, { ms: 500, from: 'b' })).toEqual({ ms: 1500, from: 'a; then b' });
  });
});
