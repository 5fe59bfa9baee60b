// Records one worker's outcomes into HDR histograms (microseconds) and per-second intervals.
import { newHistogram, recordMicros, encodeHistogram, type Histogram } from './histograms.ts';
import type { ShardOperation, ShardInterval } from './shard.ts';

/** Epoch milliseconds for a performance.now() reading. */
export const epochMs = (perfNow: number): number => performance.timeOrigin + perfNow;

class OperationRecorder {
  readonly histogram = newHistogram();
  count = 0;
  unprocessedItems = 0;
  readonly errors = new Map<string, number>();
  private readonly intervals: ShardInterval[] = [];
  private readonly interval: Histogram = newHistogram();
  private second = -1;
  private secondCount = 0;
  private secondErrors = 0;

  success(latencyMs: number, endPerf: number): void {
    this.roll(endPerf);
    const us = latencyMs * 1000;
    recordMicros(this.histogram, us);
    recordMicros(this.interval, us);
    this.count++;
    this.secondCount++;
  }

  error(type: string, endPerf: number): void {
    this.roll(endPerf);
    this.errors.set(type, (this.errors.get(type) ?? 0) + 1);
    this.secondErrors++;
  }

  finish(): ShardOperation {
    this.close();
    return {
      count: this.count,
      errors: Object.fromEntries([...this.errors].sort(([a], [b]) => a.localeCompare(b))),
      histogram: encodeHistogram(this.histogram),
      intervals: this.intervals,
      unprocessedItems: this.unprocessedItems,
    };
  }

  private roll(endPerf: number): void {
    const s = Math.floor(epochMs(endPerf) / 1000);
    if (s === this.second) return;
    this.close();
    this.second = s;
  }

  private close(): void {
    if (this.second < 0 || (this.secondCount === 0 && this.secondErrors === 0)) return;
    this.intervals.push({
      second: this.second,
      count: this.secondCount,
      errors: this.secondErrors,
      ...(this.secondCount ? { histogram: encodeHistogram(this.interval) } : {}),
    });
    this.interval.reset();
    this.secondCount = 0;
    this.secondErrors = 0;
  }
}

export class ShardRecorder {
  private readonly ops = new Map<string, OperationRecorder>();

  op(name: string): OperationRecorder {
    let r = this.ops.get(name);
    if (!r) this.ops.set(name, (r = new OperationRecorder()));
    return r;
  }

  finish(): Record<string, ShardOperation> {
    return Object.fromEntries([...this.ops].map(([k, r]) => [k, r.finish()]));
  }
}
