// worker_threads entry: prepares one shard, says ready, starts on "go" (so all threads measure the
// same interval), and posts the shard back.
import { parentPort, workerData } from 'node:worker_threads';
import { runShard } from './run-shard.ts';
import type { ShardSpec } from './shard-spec.ts';

const port = parentPort!;
const shard = await runShard(workerData as ShardSpec, undefined, () => {
  const go = new Promise<void>((resolve) => port.once('message', () => resolve()));
  port.postMessage({ ready: true });
  return go;
});
port.postMessage({ shard });
