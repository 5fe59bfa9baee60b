// One DynamoDB Local server (AWS's own DynamoDB implementation, a Java program) as a child process: in memory, on a
// free port, ready once it answers a real request, stopped with the run. It must never outlive this process:
// on Linux the child is started under `setpriv --pdeathsig KILL` (the kernel kills it if Node dies, even by
// SIGKILL), and an exit hook kills whatever is still running when Node exits normally or by process.exit.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { DynamoClient } from '../../client/dynamo-client.ts';
import type { Credentials } from '../../endpoint/contract.ts';
import { ProvisionError } from '../../util/errors.ts';
import { freeLoopbackPort } from '../local/loopback.ts';
import { jarPath, nativeLibDir } from './distribution.ts';

export interface DynamoDbLocalOptions {
  java: string;
  /** The unpacked emulator/ directory. */
  dir: string;
  /** Where the server's own output goes. */
  logFile: string;
  /** Any credentials: DynamoDB Local needs an access key id in each request and checks nothing else. */
  credentials: Credentials;
  signal: AbortSignal;
  readyTimeoutMs?: number;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function killOnExit(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
}

let pdeathsig: boolean | undefined;
/** Whether `setpriv --pdeathsig` works here (util-linux on Linux). */
function pdeathsigAvailable(): boolean {
  pdeathsig ??= process.platform === 'linux' && spawnSync('setpriv', ['--pdeathsig', 'KILL', '--', 'true'], { stdio: 'ignore', timeout: 5_000 }).status === 0;
  return pdeathsig;
}

/** Lines the server printed, the last ones kept for error messages. */
class Tail {
  private lines: string[] = [];
  push(chunk: Buffer): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter((l) => l.trim()));
    if (this.lines.length > 20) this.lines = this.lines.slice(-20);
  }
  text(): string {
    return this.lines.join('\n');
  }
}

export class DynamoDbLocalProcess {
  private child?: ChildProcess;
  private log?: WriteStream;
  private exited?: Promise<void>;
  port = 0;

  constructor(private readonly o: DynamoDbLocalOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The command line, for plans and messages. */
  static commandLine(java: string, dir: string, port: number | string): string[] {
    return [java, `-Djava.library.path=${nativeLibDir(dir)}`, '-jar', jarPath(dir), '-inMemory', '-sharedDb', '-disableTelemetry', '-port', String(port)];
  }

  async start(): Promise<this> {
    // The port is free when chosen, but another process may take it before Java binds it: try a few.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.startOnce(await freeLoopbackPort());
        return this;
      } catch (e) {
        await this.stop();
        if (!(e instanceof PortTaken) || attempt >= 3) throw e;
      }
    }
  }

  private async startOnce(port: number): Promise<void> {
    this.port = port;
    mkdirSync(dirname(this.o.logFile), { recursive: true });
    this.log = createWriteStream(this.o.logFile, { flags: 'a' });
    const [cmd, ...args] = DynamoDbLocalProcess.commandLine(this.o.java, this.o.dir, port) as [string, ...string[]];
    const [file, argv] = pdeathsigAvailable() ? ['setpriv', ['--pdeathsig', 'KILL', '--', cmd, ...args]] : [cmd, args];
    const tail = new Tail();
    const child = spawn(file, argv, { cwd: this.o.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    killOnExit(child);
    for (const s of [child.stdout!, child.stderr!])
      s.on('data', (d: Buffer) => {
        tail.push(d);
        this.log?.write(d);
      });
    let exitCode: string | undefined;
    this.exited = new Promise((resolve) => {
      child.once('error', (e) => {
        exitCode = `could not start ${file}: ${e.message}`;
        resolve();
      });
      child.once('exit', (code, sig) => {
        exitCode ??= sig ? `killed by ${sig}` : `exit ${code}`;
        resolve();
      });
    });
    const client = new DynamoClient({ url: this.url, credentials: this.o.credentials, region: 'us-east-1', timeoutMs: 2_000 });
    const deadline = Date.now() + (this.o.readyTimeoutMs ?? 90_000);
    try {
      // Ready = a real request answered (ListTables), polled; the JVM takes a few seconds.
      for (;;) {
        if (this.o.signal.aborted) throw new ProvisionError('interrupted while DynamoDB Local was starting', 'start DynamoDB Local');
        if (exitCode !== undefined) {
          const out = tail.text();
          if (/Address already in use|BindException/i.test(out)) throw new PortTaken();
          throw new ProvisionError(`DynamoDB Local stopped before it served (${exitCode}); its last output:\n${out || '(none)'}\nfull log: ${this.o.logFile}`, 'start DynamoDB Local');
        }
        const answer = await client.raw('ListTables', { Limit: 1 }).catch(() => undefined);
        if (answer?.status === 200) return;
        // A refusal (4xx) will not change by waiting; a 5xx may be the server still starting.
        if (answer && answer.status < 500)
          throw new ProvisionError(`DynamoDB Local answered ListTables with HTTP ${answer.status}: ${answer.text.slice(0, 300)}`, 'start DynamoDB Local');
        if (Date.now() > deadline)
          throw new ProvisionError(`DynamoDB Local did not answer ListTables on ${this.url} within ${(this.o.readyTimeoutMs ?? 90_000) / 1000} s; its last output:\n${tail.text() || '(none)'}`, 'start DynamoDB Local');
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      client.close();
    }
  }

  /** Stops the server: SIGTERM, then SIGKILL if it has not exited within 5 s. Idempotent. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await this.exited;
      clearTimeout(killer);
    }
    const log = this.log;
    this.log = undefined;
    if (log) await new Promise<void>((r) => log.end(() => r()));
  }
}

class PortTaken extends Error {}
