// A stand-in for the container engine that behaves like the ScyllaDB image where the target relies on it:
// Alternator's HTTPS health check served (for real, on 127.0.0.1) with the certificate and key the target copied
// into the "container", and a cqlsh that checks the password against the configured salted hash.
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';
import type { ContainerRuntime, ContainerSpec, ExecResult, RunningContainer } from '../../harness/targets/container/runtime.ts';
import { CONTAINER_PATHS } from '../../harness/targets/container/scylla-config.ts';
import { sha512Crypt } from '../../harness/util/sha512-crypt.ts';

export type HealthBehaviour = 'serve' | 'unhealthy' | 'closed';

export interface FakeOptions {
  health?: HealthBehaviour;
  /** cqlsh calls that fail as "not ready" before the real answer. */
  cqlNotReadyTimes?: number;
  /** Only system_auth.roles exists (ScyllaDB before auth v2). */
  legacyRolesTable?: boolean;
  /** Override every cqlsh answer. */
  cql?: (cmd: string[]) => ExecResult;
  startError?: Error;
  /** Called inside start(), before it resolves (to abort mid-start). */
  onStart?: () => void;
  logs?: string;
}

export class FakeRuntime implements ContainerRuntime {
  readonly specs: ContainerSpec[] = [];
  readonly execs: string[][] = [];
  stops = 0;
  running = 0;
  private servers: https.Server[] = [];
  constructor(private readonly o: FakeOptions = {}) {}

  async start(spec: ContainerSpec): Promise<RunningContainer> {
    this.specs.push(spec);
    this.o.onStart?.();
    if (this.o.startError) throw this.o.startError;
    const file = (p: string) => spec.files.find((f) => f.path === p)?.content ?? '';
    const yaml = parse(file(CONTAINER_PATHS.yamlFragment)) as Record<string, unknown>;
    const roles = new Map<string, string>([[String(yaml.auth_superuser_name), String(yaml.auth_superuser_salted_password)]]);
    const ports = new Map<number, number>();
    const health = this.o.health ?? 'serve';
    for (const p of spec.exposedPorts) {
      if (health === 'closed') {
        ports.set(p, await closedPort());
        continue;
      }
      const server = https.createServer({ cert: file(CONTAINER_PATHS.certificate), key: file(CONTAINER_PATHS.keyfile) }, (req, res) => {
        if (health === 'serve' && req.method === 'GET' && req.url === '/') res.writeHead(200).end('healthy: 127.0.0.1');
        else res.writeHead(503).end('starting');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      this.servers.push(server);
      ports.set(p, (server.address() as AddressInfo).port);
    }
    this.running++;
    let notReady = this.o.cqlNotReadyTimes ?? 0;
    let stopped = false;
    const self = this;
    return {
      id: 'fakecontainer0123456789',
      host: '127.0.0.1',
      mappedPort: (p) => {
        const m = ports.get(p);
        if (m === undefined) throw new Error(`port ${p} is not exposed`);
        return m;
      },
      async exec(cmd) {
        self.execs.push(cmd);
        if (self.o.cql) return self.o.cql(cmd);
        if (notReady-- > 0) return { exitCode: 1, stdout: '', stderr: "Connection error: ('Unable to connect to any servers', {'127.0.0.1:9042': ConnectionRefusedError(111)})" };
        return fakeCqlsh(cmd, roles, self.o.legacyRolesTable ?? false);
      },
      logs: async () => this.o.logs ?? 'INFO  init - Scylla version started\n',
      async stop() {
        if (stopped) return;
        stopped = true;
        self.stops++;
        self.running--;
        await Promise.all(self.servers.map((s) => new Promise((r) => s.close(r))));
      },
    };
  }
}

/** cqlsh as the target calls it: `cqlsh --no-color -u U -p P -e STATEMENT`. */
function fakeCqlsh(cmd: string[], roles: Map<string, string>, legacy: boolean): ExecResult {
  const arg = (flag: string) => cmd[cmd.indexOf(flag) + 1] ?? '';
  const user = arg('-u');
  const hash = roles.get(user);
  const salt = hash?.split('$')[2] ?? '';
  if (!hash || sha512Crypt(arg('-p'), salt) !== hash)
    return { exitCode: 2, stdout: '', stderr: `Connection error: AuthenticationFailed('Username and/or password are incorrect')` };
  const statement = arg('-e');
  for (const m of statement.matchAll(/CREATE ROLE IF NOT EXISTS (\w+) WITH PASSWORD = '([^']+)'/g)) roles.set(m[1]!, sha512Crypt(m[2]!, 'fakesaltfakesalt'));
  const select = /SELECT role, salted_hash FROM (\S+) WHERE role IN \(([^)]*)\)/.exec(statement);
  if (!select) return { exitCode: 0, stdout: '', stderr: '' };
  if (legacy && select[1] === 'system.roles')
    return { exitCode: 2, stdout: '', stderr: `<stdin>:1:InvalidRequest: Error from server: code=2200 [Invalid query] message="unconfigured table roles"` };
  const names = [...select[2]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!).filter((n) => roles.has(n));
  const rows = names.map((n) => ` ${n.padEnd(17)} | ${roles.get(n)}`);
  return {
    exitCode: 0,
    stdout: ['', ' role              | salted_hash', '-------------------+' + '-'.repeat(108), ...rows, '', `(${rows.length} rows)`, ''].join('\n'),
    stderr: '',
  };
}

async function closedPort(): Promise<number> {
  const s = https.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}
