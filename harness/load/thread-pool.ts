// Runs shards in worker threads, one per spec. A thread starts from a tiny CommonJS bootstrap that loads
// the TypeScript entry through tsx's API: `--import tsx` in a worker's execArgv does not register the
// loader on Node 20, and the parent may not run under tsx at all (vitest, plain node).
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { LoadShard } from './shard.ts';
import type { ShardSpec } from './shard-spec.ts';

function bootstrap(): string {
  // tsx/esm/api's ESM build (the CommonJS one resolves its hooks wrongly from an eval'd worker).
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./shard-thread.ts', import.meta.url).href;
  return `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
}

type ThreadMessage = { ready: true } | { shard: LoadShard };

/** Starts one thread per spec; the measured phase begins in all threads at once, when every one is ready. */
export function runShardsInThreads(specs: ShardSpec[], signal?: AbortSignal): Promise<LoadShard[]> {
  const code = bootstrap();
  const workers = specs.map((spec) => ({ spec, worker: new Worker(code, { eval: true, workerData: spec }) }));
  let ready = 0;
  const onAbort = () => workers.forEach((w) => void w.worker.terminate());
  signal?.addEventListener('abort', onAbort, { once: true });
  return Promise.all(
    workers.map(
      ({ spec, worker }) =>
        new Promise<LoadShard>((resolve, reject) => {
          let result: LoadShard | undefined;
          worker.on('message', (m: ThreadMessage) => {
            if ('shard' in m) result = m.shard;
            else if (++ready === workers.length) for (const w of workers) w.worker.postMessage('go');
          });
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (result) resolve(result);
            else reject(new Error(`load worker thread ${spec.worker} exited with code ${code} before reporting`));
          });
        }),
    ),
  ).finally(() => {
    signal?.removeEventListener('abort', onAbort);
    // A failed thread must not leave the others waiting for "go" forever.
    for (const w of workers) void w.worker.terminate();
  });
}
