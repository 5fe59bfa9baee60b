// A clock whose sleeps return at once and move time forward: scripted waits run instantly and deterministically.
import { InterruptedError, type Clock } from '../../harness/targets/kubernetes/wait.ts';

export class VirtualClock implements Clock {
  t = 0;
  /** Work that happens while time passes (a fake cluster's running pods): a sleep lets it finish first. */
  passing: (() => Promise<unknown>) | undefined;
  now(): number {
    return this.t;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new InterruptedError();
    await this.passing?.();
    this.t += ms;
    // Let other tasks (parallel rollouts, an abort) run between polls.
    await new Promise((r) => setImmediate(r));
    if (signal?.aborted) throw new InterruptedError();
  }
}
