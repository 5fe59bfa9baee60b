// Runs lanes against channels, closed- or open-loop, and records every outcome.
// Closed loop: each lane sends its next operation as soon as the previous one answered; latency is
// measured from the actual send. Open loop: operations are due at a fixed rate whatever the answers;
// a due operation waits for a free lane, and its latency is measured from the time it was DUE, so a
// stall is charged to every operation it delayed (no coordinated omission).
import type { Channel } from './transport.ts';
import type { Step } from './workloads.ts';
import type { ShardRecorder } from './recorder.ts';
import type { LoopMode } from './shard-spec.ts';

export interface DriveOptions {
  mode: LoopMode;
  /** Open loop: operations per second for this worker. */
  rate?: number;
  channels: Channel[];
  durationMs: number;
  nextStep: () => Step;
  recorder: ShardRecorder;
  /** Open loop: how long after the end queued operations may still be sent; the rest count as missed. */
  drainMs: number;
  signal?: AbortSignal;
}

export interface DriveResult {
  startPerf: number;
  endPerf: number;
  scheduled: number;
  missed: number;
}

const now = (): number => performance.now();

async function execute(channel: Channel, step: Step, startPerf: number, recorder: ShardRecorder): Promise<void> {
  for (let i = 0; i < step.calls.length; i++) {
    const call = step.calls[i]!;
    const callStart = now();
    const out = await channel.call(call);
    const end = now();
    const inner = step.innerOps?.[i];
    if (out.errorType !== undefined) {
      if (inner) recorder.op(inner).error(out.errorType, end);
      recorder.op(step.op).error(out.errorType, end);
      return;
    }
    if (inner) recorder.op(inner).success(end - callStart, end);
    if (out.unprocessedItems) recorder.op(step.op).unprocessedItems += out.unprocessedItems;
  }
  const end = now();
  recorder.op(step.op).success(end - startPerf, end);
}

export async function drive(o: DriveOptions): Promise<DriveResult> {
  return o.mode === 'closed' ? driveClosed(o) : driveOpen(o);
}

async function driveClosed(o: DriveOptions): Promise<DriveResult> {
  const startPerf = now();
  const end = startPerf + o.durationMs;
  let scheduled = 0;
  await Promise.all(
    o.channels.map(async (ch) => {
      while (now() < end && !o.signal?.aborted) {
        scheduled++;
        const start = now();
        await execute(ch, o.nextStep(), start, o.recorder);
      }
    }),
  );
  return { startPerf, endPerf: now(), scheduled, missed: 0 };
}

async function driveOpen(o: DriveOptions): Promise<DriveResult> {
  const rate = o.rate;
  if (!rate || !(rate > 0)) throw new RangeError('open loop needs a rate > 0');
  const intervalMs = 1000 / rate;
  const startPerf = now();
  const total = Math.max(1, Math.floor((rate * o.durationMs) / 1000));
  const drainDeadline = startPerf + o.durationMs + o.drainMs;
  // Operation i is due at startPerf + i * intervalMs; [head, issued) are due and not yet taken by a lane.
  const dueAt = (i: number) => startPerf + i * intervalMs;
  let issued = 0;
  let head = 0;
  let missed = 0;
  let schedulingDone = false;
  const idle: Array<() => void> = [];
  const wake = () => {
    while (idle.length && head < issued) idle.pop()!();
  };
  let timer: NodeJS.Timeout | undefined;
  const pump = () => {
    const t = now();
    while (issued < total && dueAt(issued) <= t) issued++;
    if (issued >= total || o.signal?.aborted) {
      schedulingDone = true;
      while (idle.length) idle.pop()!();
      return;
    }
    wake();
    timer = setTimeout(pump, Math.max(0, dueAt(issued) - now()));
  };
  pump();
  await Promise.all(
    o.channels.map(async (ch) => {
      for (;;) {
        if (head >= issued) {
          if (schedulingDone) return;
          await new Promise<void>((r) => idle.push(r));
          continue;
        }
        const intended = dueAt(head++);
        if (now() > drainDeadline || o.signal?.aborted) {
          missed++;
          continue;
        }
        await execute(ch, o.nextStep(), intended, o.recorder);
      }
    }),
  );
  if (timer) clearTimeout(timer);
  return { startPerf, endPerf: now(), scheduled: issued, missed };
}
