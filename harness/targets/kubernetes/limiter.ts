// Bounds how many variants roll out at once (ScyllaDB start-up is the heavy part on a kind host).
import { InterruptedError } from './wait.ts';
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** Highest number of holders at once, for reports and tests. */
  peak = 0;
  /** Tasks running now (variants rolling out at once). */
  get running(): number {
    return this.active;
  }

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }

  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (this.active < this.limit) {
      this.take();
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.take();
        resolve();
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new InterruptedError('waiting for a rollout slot'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  private take() {
    this.active++;
    this.peak = Math.max(this.peak, this.active);
  }

  private release() {
    this.active--;
    this.waiting.shift()?.();
  }
}
