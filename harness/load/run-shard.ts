// One worker's measured phase: prepare templates, values and key choice from the seed, open lanes,
// drive, and hand back the shard. The same function runs in the main thread, in worker threads and
// in Kubernetes pods.
import { seededRng } from './rng.ts';
import { keyChooser } from './key-choosers.ts';
import { operationTemplates } from './operations.ts';
import { stepSource, valuePool } from './workloads.ts';
import { ShardRecorder, epochMs } from './recorder.ts';
import { drive } from './drive.ts';
import { rawTransport } from './raw-transport.ts';
import { sdkTransport } from './sdk-transport.ts';
import { SHARD_VERSION, type LoadShard } from './shard.ts';
import type { ShardSpec } from './shard-spec.ts';
import type { Transport } from './transport.ts';

export function openTransport(spec: Pick<ShardSpec, 'client' | 'endpoint' | 'concurrency' | 'timeoutMs'>): Transport {
  return spec.client === 'sdk' ? sdkTransport(spec.endpoint, spec.concurrency, spec.timeoutMs) : rawTransport(spec.endpoint, spec.timeoutMs);
}

/** `ready`: awaited after preparation, before the measured phase (threads start it together). */
export async function runShard(spec: ShardSpec, signal?: AbortSignal, ready?: () => Promise<void>): Promise<LoadShard> {
  const rng = seededRng(spec.seed);
  const templates = operationTemplates(spec);
  const nextStep = stepSource({
    workload: spec.workload,
    templates,
    keys: keyChooser(spec.distribution, spec.recordCount, rng),
    rng,
    fieldCount: spec.fieldCount,
    recordCount: spec.recordCount,
    values: valuePool(rng, spec.fieldLength),
  });
  const transport = openTransport(spec);
  const channels = Array.from({ length: spec.concurrency }, () => transport.channel());
  const recorder = new ShardRecorder();
  if (spec.notBeforeMs !== undefined) {
    const wait = spec.notBeforeMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  if (ready) await ready();
  try {
    const r = await drive({ mode: spec.mode, rate: spec.rate, channels, durationMs: spec.durationMs, nextStep, recorder, drainMs: spec.drainMs, signal });
    return {
      shardVersion: SHARD_VERSION,
      worker: spec.worker,
      startMs: Math.round(epochMs(r.startPerf)),
      endMs: Math.round(epochMs(r.endPerf)),
      scheduled: r.scheduled,
      missed: r.missed,
      connects: channels.reduce((n, c) => n + c.connects, 0),
      operations: recorder.finish(),
    };
  } finally {
    transport.close();
  }
}
