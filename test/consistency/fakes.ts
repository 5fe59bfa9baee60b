// In-memory registers for the workload driver's tests, interleaved by a seeded scheduler so a run is reproducible:
// every await point is a scheduler.yield(), and the scheduler resumes one waiting task at a time, chosen by a
// seeded PRNG, only once all microtasks have settled.
import type { RegisterClient } from '../../harness/consistency/workload.ts';
import { seededRandom, type Random } from '../../harness/consistency/random.ts';

export class SeededScheduler {
  private readonly waiting: (() => void)[] = [];
  private readonly rand: Random;
  /** A logical clock: one tick per call, so histories do not depend on the machine's speed. */
  private ticks = 0;
  readonly clock = (): number => ++this.ticks;

  constructor(seed: number) {
    this.rand = seededRandom(seed);
  }

  yield(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (settled) return work;
      if (!this.waiting.length) throw new Error('scheduler: nothing runnable and the work is not done');
      const [resume] = this.waiting.splice(Math.floor(this.rand() * this.waiting.length), 1);
      resume!();
    }
  }
}

/** Check-and-set in one step: linearizable. Yields before and after so that calls overlap. */
export function atomicRegisters(s: SeededScheduler): RegisterClient & { store: Map<string, number> } {
  const store = new Map<string, number>();
  return {
    store,
    async read(key) {
      await s.yield();
      const value = store.get(key) ?? null;
      await s.yield();
      return { value };
    },
    async cas(key, expected, next) {
      await s.yield();
      const ok = (store.get(key) ?? null) === expected;
      if (ok) store.set(key, next);
      await s.yield();
      return ok ? 'ok' : 'fail';
    },
    async write(key, value) {
      await s.yield();
      store.set(key, value);
      await s.yield();
    },
  };
}

/** unsafe_rmw's shape: the condition is checked on a read, and the write lands a tick later. Loses updates. */
export function racyRegisters(s: SeededScheduler): RegisterClient {
  const store = new Map<string, number>();
  return {
    async read(key) {
      await s.yield();
      return { value: store.get(key) ?? null };
    },
    async cas(key, expected, next) {
      await s.yield();
      const current = store.get(key) ?? null;
      await s.yield();
      if (current !== expected) return 'fail';
      store.set(key, next);
      return 'ok';
    },
  };
}
