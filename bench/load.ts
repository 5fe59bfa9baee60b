// `npm run bench:load`: how fast is the harness's load client? Against one local no-op endpoint (its
// own process), in one run and with the same number of connections: requests per second of
//   - wrk (Debian's package) sending one signed GetItem over and over (the ceiling),
//   - the harness client (workload C, closed loop, every request built, signed and recorded),
//   - the harness client on 2 worker threads,
//   - a plain @aws-sdk/client-dynamodb loop,
// and the ratios. Goals: harness >= 50% of wrk, >= 5x the SDK loop. Not a test: it asserts nothing.
// Every client is measured BENCH_ROUNDS times, interleaved, and its best round counts: other processes on
// the machine disturb single measurements far more than they disturb the best of several.
// Options (env): BENCH_SECONDS (default 5), BENCH_CONNECTIONS (default 16), BENCH_ROUNDS (default 2),
// BENCH_TLS=1 (HTTPS with a generated CA: the harness and SDK clients verify it, wrk does not verify
// certificates), BENCH_PIN=1 (taskset: the endpoint on CPU 0, every client on CPU 1 alone, so each client
// gets the same single CPU; the 2-thread run is then skipped).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { FastSigner, CONTENT_TYPE, TARGET_PREFIX } from '../harness/load/fast-sigv4.ts';
import { operationTemplates, recordKey } from '../harness/load/operations.ts';
import { runShard } from '../harness/load/run-shard.ts';
import { runShardsInThreads } from '../harness/load/thread-pool.ts';
import { sdkClient } from '../harness/load/sdk-transport.ts';
import type { ShardSpec } from '../harness/load/shard-spec.ts';
import type { LoadShard } from '../harness/load/shard.ts';
import { projectRoot } from '../harness/util/paths.ts';
import { createCA, issueServingCertificate } from '../harness/tls/ca.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
const PIN = process.env.BENCH_PIN === '1';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const WRK = '/usr/bin/wrk';
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench-secret' };
const region = 'us-east-1';
const table = 'usertable';

const TLS = process.env.BENCH_TLS === '1';

async function tlsMaterial(): Promise<{ caPem?: string; env: Record<string, string> }> {
  if (!TLS) return { env: {} };
  const ca = await createCA('bench CA');
  const cert = await issueServingCertificate(ca, { commonName: 'bench', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  return { caPem: ca.certPem, env: { BENCH_TLS_CERT: cert.certPem, BENCH_TLS_KEY: cert.keyPem } };
}

async function startServer(env: Record<string, string>): Promise<{ url: string; stop: () => void }> {
  const cmd = [process.execPath, '--import', 'tsx', join(projectRoot(), 'bench', 'noop-server.ts')];
  const [file, ...args] = PIN ? ['taskset', '-c', '0', ...cmd] : cmd;
  const child = spawn(file!, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (c) => reject(new Error(`no-op server exited with ${c}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

function spec(url: string, worker: string, concurrency: number): ShardSpec {
  return {
    worker,
    endpoint: { url, credentials, region, caPem: material.caPem },
    table,
    recordCount: 1000,
    fieldCount: 10,
    fieldLength: 100,
    consistentRead: false,
    workload: 'C',
    distribution: 'zipfian',
    mode: 'closed',
    concurrency,
    durationMs: SECONDS * 1000,
    seed: 1,
    client: 'raw',
    timeoutMs: 10_000,
    drainMs: 0,
  };
}

const rps = (shards: LoadShard[]): number => {
  const count = shards.reduce((n, s) => n + (s.operations.read?.count ?? 0), 0);
  const errors = shards.reduce((n, s) => n + Object.values(s.operations.read?.errors ?? {}).reduce((a, b) => a + b, 0), 0);
  if (errors) console.log(`  (${errors} errors)`);
  const start = Math.min(...shards.map((s) => s.startMs));
  const end = Math.max(...shards.map((s) => s.endMs));
  return count / ((end - start) / 1000);
};

function wrkScript(url: string): string {
  const u = new URL(url);
  const body = operationTemplates({ table, fieldCount: 10, consistentRead: false }).read.render([recordKey(1)]);
  const h = new FastSigner(credentials, region).sign(u.host, 'GetItem', body);
  const lua = (s: string) => JSON.stringify(s); // JSON string literals are valid Lua string literals here (ASCII)
  return [
    'wrk.method = "POST"',
    `wrk.body = ${lua(body)}`,
    `wrk.headers["Content-Type"] = ${lua(CONTENT_TYPE)}`,
    `wrk.headers["X-Amz-Target"] = ${lua(TARGET_PREFIX + 'GetItem')}`,
    `wrk.headers["X-Amz-Date"] = ${lua(h['x-amz-date'])}`,
    `wrk.headers["X-Amz-Content-Sha256"] = ${lua(h['x-amz-content-sha256'])}`,
    `wrk.headers["Authorization"] = ${lua(h.authorization)}`,
    '',
  ].join('\n');
}

async function waitForWrk(): Promise<boolean> {
  // apt may still be installing it when the bench starts.
  for (let i = 0; i < 30 && !existsSync(WRK); i++) await new Promise((r) => setTimeout(r, 1000));
  return existsSync(WRK);
}

function runWrk(url: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'bench-load-'));
  try {
    const script = join(dir, 'getitem.lua');
    writeFileSync(script, wrkScript(url));
    const wrkArgs = ['-t1', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '-s', script, `${url}/`];
    const out = PIN ? execFileSync('taskset', ['-c', '1', WRK, ...wrkArgs], { encoding: 'utf8' }) : execFileSync(WRK, wrkArgs, { encoding: 'utf8' });
    const m = /Requests\/sec:\s+([\d.]+)/.exec(out);
    if (!m) throw new Error(`wrk printed no Requests/sec:\n${out}`);
    if (/Non-2xx/.test(out)) console.log('  wrk saw non-2xx answers');
    return Number(m[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runSdkLoop(url: string): Promise<number> {
  const client = sdkClient({ url, credentials, region, caPem: material.caPem }, CONNECTIONS, 10_000);
  const end = Date.now() + SECONDS * 1000;
  let n = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, lane) => {
      while (Date.now() < end) {
        await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: recordKey(lane) } } }));
        n++;
      }
    }),
  );
  const r = n / ((performance.now() - t0) / 1000);
  client.destroy();
  return r;
}

const fmt = (x: number): string => `${Math.round(x).toLocaleString('en-US')} req/s`;

const material = await tlsMaterial();
if (PIN) execFileSync('taskset', ['-apc', '1', String(process.pid)], { stdio: 'ignore' });
const server = await startServer(material.env);
try {
  console.log(`no-op endpoint ${server.url}; ${CONNECTIONS} connections, ${SECONDS}s per measurement, best of ${ROUNDS} round(s)${PIN ? ', endpoint on CPU 0, clients on CPU 1' : ''}\n`);
  const hasWrk = await waitForWrk();
  if (!hasWrk) console.log(`wrk: skipped, ${WRK} is absent (apt-get install -y wrk)`);
  const best: Record<string, number> = {};
  const keep = (name: string, v: number) => {
    best[name] = Math.max(best[name] ?? 0, v);
    console.log(`  ${name.padEnd(34)} ${fmt(v)}`);
  };
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`round ${round}`);
    if (hasWrk) keep('wrk (1 thread)', runWrk(server.url));
    keep('harness client (main thread)', rps([await runShard(spec(server.url, 'bench', CONNECTIONS))]));
    if (!PIN) keep('harness client (2 threads)', rps(await runShardsInThreads([spec(server.url, 't0', CONNECTIONS / 2), spec(server.url, 't1', CONNECTIONS / 2)])));
    keep('@aws-sdk/client-dynamodb loop', await runSdkLoop(server.url));
  }
  console.log('\nbest of each:');
  for (const [k, v] of Object.entries(best)) console.log(`  ${k.padEnd(34)} ${fmt(v)}`);
  const main = best['harness client (main thread)']!;
  const threads = best['harness client (2 threads)'];
  const harness = Math.max(main, threads ?? 0);
  const wrk = best['wrk (1 thread)'];
  const sdk = best['@aws-sdk/client-dynamodb loop']!;
  console.log('');
  if (wrk) console.log(`harness / wrk = ${(harness / wrk).toFixed(2)} (goal >= 0.50)  [main thread ${(main / wrk).toFixed(2)}${threads ? `, 2 threads ${(threads / wrk).toFixed(2)}` : ''}]`);
  console.log(`harness / SDK = ${(harness / sdk).toFixed(1)}x (goal >= 5x)`);
  if (wrk) console.log(`SDK / wrk     = ${(sdk / wrk).toFixed(2)}`);
} finally {
  server.stop();
}
