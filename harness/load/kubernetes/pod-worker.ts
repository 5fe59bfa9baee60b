// What a load pod does, as a function of its environment (worker-main.ts is the process around it):
// run this pod's insert slice or shard and write the result as one marked JSON line.
import { specForPod } from './worker-plan.ts';
import { insertRecords } from '../load-phase.ts';
import { runShard } from '../run-shard.ts';
import { shardLine, insertLine } from '../shard.ts';

export interface PodOutput {
  stdout(line: string): void;
  stderr(line: string): void;
}

/** Returns the exit code. */
export async function runPodWorker(env: Record<string, string | undefined>, out: PodOutput): Promise<number> {
  try {
    const job = specForPod(env);
    if (job.phase === 'insert') {
      out.stderr(`inserting records [${job.spec.from}, ${job.spec.to}) into ${job.spec.table}`);
      const r = await insertRecords(job.spec);
      out.stdout(insertLine(r));
    } else {
      out.stderr(`worker ${job.spec.worker}: workload ${job.spec.workload}, ${job.spec.mode} loop, ${job.spec.concurrency} lanes`);
      out.stdout(shardLine(await runShard(job.spec)));
    }
    return 0;
  } catch (e) {
    out.stderr(`load worker failed: ${(e as Error).message}`);
    return 1;
  }
}
