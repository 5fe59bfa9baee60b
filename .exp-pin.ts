import { spawn, execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { runShard } from './harness/load/run-shard.ts';
execFileSync('taskset', ['-pc', '1', String(process.pid)]);
const child = spawn('taskset', ['-c', '0', process.execPath, '--import', 'tsx', 'bench/noop-server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((r) => createInterface({ input: child.stdout! }).once('line', r));
for (let i = 0; i < 2; i++) {
const s = await runShard({ worker: 'p', endpoint: { url, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, region: 'us-east-1' }, table: 'usertable', recordCount: 1000, fieldCount: 10, fieldLength: 100, consistentRead: false, workload: 'C', distribution: 'zipfian', mode: 'closed', concurrency: 16, durationMs: 4000, seed: 1, client: 'raw', timeoutMs: 10000, drainMs: 0 });
console.log('harness rps', Math.round(s.operations.read!.count / ((s.endMs - s.startMs) / 1000)));
console.log(execFileSync('taskset', ['-c', '1', 'wrk', '-t1', '-c16', '-d4s', '-s', '/tmp/exp/body.lua', url + '/'], { encoding: 'utf8' }).match(/Requests\/sec:\s+\S+/)![0]);
}
child.kill();
