// `doctor --target container`: says what is missing for the container target, and how to get it, without
// needing Docker itself. testcontainers talks to the daemon's API (DOCKER_HOST, or a local socket); the CLI
// is only for looking at containers by hand.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { delimiter, join } from 'node:path';
import { scyllaImage } from './scylla-config.ts';

import type { DoctorCheck } from '../doctor-check.ts';
import { probeCommand } from '../../util/program.ts';
export type { DoctorCheck };

export type DockerEndpoint =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number; tls?: { ca: string; cert: string; key: string } };

export interface DoctorDeps {
  env: NodeJS.ProcessEnv;
  exists(path: string): boolean;
  readFile(path: string): string;
  run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  dockerApi(endpoint: DockerEndpoint, path: string): Promise<{ status: number; body: string }>;
}

const API_TIMEOUT_MS = 5000;
const START_DOCKER_FIX =
  'start a Docker Engine (Debian/Ubuntu: `sudo apt-get install docker.io && sudo systemctl start docker`; or Docker Desktop / rootless Docker / Podman), ' +
  'or set DOCKER_HOST to a reachable daemon (e.g. unix:///run/user/1000/docker.sock or tcp://host:2376 with DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH)';

export const realDoctorDeps: DoctorDeps = {
  env: process.env,
  exists: existsSync,
  readFile: (p) => readFileSync(p, 'utf8'),
  run: (cmd, args) => probeCommand(cmd, args, { timeoutMs: 10_000 }),
  dockerApi: (endpoint, path) =>
    new Promise((resolve, reject) => {
      const base =
        endpoint.kind === 'unix'
          ? { socketPath: endpoint.socketPath }
          : { host: endpoint.host, port: endpoint.port, ...(endpoint.tls ?? {}) };
      const mod = endpoint.kind === 'tcp' && endpoint.tls ? https : http;
      const req = mod.get({ ...base, path, timeout: API_TIMEOUT_MS, headers: { Host: 'docker' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${API_TIMEOUT_MS} ms`)));
      req.on('error', reject);
    }),
};

export function describeEndpoint(e: DockerEndpoint): string {
  return e.kind === 'unix' ? `unix://${e.socketPath}` : `${e.tls ? 'tcp+tls' : 'tcp'}://${e.host}:${e.port}`;
}

/** Where the daemon should be: DOCKER_HOST, else the usual local sockets (rootful, rootless, Desktop, Podman). */
export function dockerEndpointCandidates(deps: Pick<DoctorDeps, 'env' | 'readFile'>): { endpoints: DockerEndpoint[]; problem?: string } {
  const { env } = deps;
  const host = env.DOCKER_HOST;
  if (host) {
    const u = URL.canParse(host) ? new URL(host) : undefined;
    if (u?.protocol === 'unix:') return { endpoints: [{ kind: 'unix', socketPath: u.pathname }] };
    if (u?.protocol === 'tcp:') {
      const tlsOn = Boolean(env.DOCKER_TLS_VERIFY) && env.DOCKER_TLS_VERIFY !== '0';
      const certDir = env.DOCKER_CERT_PATH ?? join(env.HOME ?? '', '.docker');
      let tls: { ca: string; cert: string; key: string } | undefined;
      if (tlsOn) {
        try {
          tls = { ca: deps.readFile(join(certDir, 'ca.pem')), cert: deps.readFile(join(certDir, 'cert.pem')), key: deps.readFile(join(certDir, 'key.pem')) };
        } catch {
          return { endpoints: [], problem: `DOCKER_TLS_VERIFY is set but ca.pem, cert.pem and key.pem are not all readable in ${certDir}` };
        }
      }
      return { endpoints: [{ kind: 'tcp', host: u.hostname, port: Number(u.port || (tlsOn ? 2376 : 2375)), ...(tls ? { tls } : {}) }] };
    }
    return { endpoints: [], problem: `DOCKER_HOST=${host} is neither unix:///path nor tcp://host:port` };
  }
  const runtimeDir = env.XDG_RUNTIME_DIR;
  const paths = [
    '/var/run/docker.sock',
    ...(runtimeDir ? [join(runtimeDir, 'docker.sock'), join(runtimeDir, 'podman', 'podman.sock')] : []),
    ...(env.HOME ? [join(env.HOME, '.docker', 'run', 'docker.sock')] : []),
  ];
  return { endpoints: paths.map((socketPath) => ({ kind: 'unix' as const, socketPath })) };
}

export async function doctorContainer(options: { image?: string; scyllaVersion?: string } = {}, deps: DoctorDeps = realDoctorDeps): Promise<DoctorCheck[]> {
  const image = options.image ?? scyllaImage(options.scyllaVersion ?? 'latest');
  const checks: DoctorCheck[] = [await checkCli(deps)];
  const daemon = await checkDaemon(deps);
  checks.push(daemon.check);
  checks.push(await checkImage(deps, daemon.endpoint, image));
  return checks;
}

async function checkCli(deps: DoctorDeps): Promise<DoctorCheck> {
  const name = 'docker CLI';
  const onPath = (deps.env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, 'docker')).find((p) => deps.exists(p));
  if (!onPath)
    return {
      name,
      ok: false,
      required: false,
      detail: 'no `docker` on PATH (optional: testcontainers uses the daemon API; the CLI is for inspecting containers by hand)',
      fix: 'install the Docker CLI (Debian/Ubuntu: `sudo apt-get install docker.io`)',
    };
  const r = await deps.run(onPath, ['--version']);
  return r.code === 0
    ? { name, ok: true, required: false, detail: `${r.stdout.trim()} (${onPath})` }
    : { name, ok: false, required: false, detail: `${onPath} --version failed: ${(r.stderr || r.stdout).trim().slice(0, 200)}`, fix: 'reinstall the Docker CLI' };
}

async function checkDaemon(deps: DoctorDeps): Promise<{ check: DoctorCheck; endpoint?: DockerEndpoint }> {
  const name = 'Docker daemon';
  const { endpoints, problem } = dockerEndpointCandidates(deps);
  if (problem) return { check: { name, ok: false, required: true, detail: problem, fix: START_DOCKER_FIX } };
  const fromEnv = Boolean(deps.env.DOCKER_HOST);
  const present = fromEnv ? endpoints : endpoints.filter((e) => e.kind === 'unix' && deps.exists(e.socketPath));
  if (present.length === 0)
    return {
      check: {
        name,
        ok: false,
        required: true,
        detail: `no Docker daemon socket: DOCKER_HOST is unset and none of ${endpoints.map(describeEndpoint).join(', ')} exists`,
        fix: START_DOCKER_FIX,
      },
    };
  const failures: string[] = [];
  for (const e of present) {
    try {
      const ping = await deps.dockerApi(e, '/_ping');
      if (ping.status !== 200) {
        failures.push(`${describeEndpoint(e)} answered HTTP ${ping.status} to /_ping`);
        continue;
      }
      const version = await deps.dockerApi(e, '/version').catch(() => ({ status: 0, body: '' }));
      const v = version.status === 200 ? safeJson(version.body) : {};
      const what = [v.Version && `engine ${v.Version}`, v.ApiVersion && `API ${v.ApiVersion}`].filter(Boolean).join(', ');
      return { check: { name, ok: true, required: true, detail: `answers at ${describeEndpoint(e)}${what ? ` (${what})` : ''}` }, endpoint: e };
    } catch (err) {
      failures.push(`${describeEndpoint(e)}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return {
    check: {
      name,
      ok: false,
      required: true,
      detail: `the daemon does not answer: ${failures.join('; ')}`,
      fix: `${START_DOCKER_FIX}; a permission error means your user may not use the socket (add it to the docker group)`,
    },
  };
}

async function checkImage(deps: DoctorDeps, endpoint: DockerEndpoint | undefined, image: string): Promise<DoctorCheck> {
  const name = 'ScyllaDB image';
  if (!endpoint)
    return { name, ok: false, required: true, detail: `${image}: not checked, it needs a reachable Docker daemon (see above)`, fix: START_DOCKER_FIX };
  try {
    const local = await deps.dockerApi(endpoint, `/images/${image}/json`);
    if (local.status === 200) return { name, ok: true, required: true, detail: `${image} is present locally` };
    // Asks the daemon to resolve the image in its registry: proves a pull would work, without pulling.
    const remote = await deps.dockerApi(endpoint, `/distribution/${image}/json`);
    if (remote.status === 200) return { name, ok: true, required: true, detail: `${image} is not local yet; the daemon reaches its registry, the first run pulls it` };
    const message = safeJson(remote.body).message ?? remote.body.slice(0, 200);
    return {
      name,
      ok: false,
      required: true,
      detail: `the daemon cannot resolve ${image} (HTTP ${remote.status}: ${message})`,
      fix: remote.status === 401 || remote.status === 403
        ? 'log in to the registry (`docker login`) or use a mirror'
        : 'check the ScyllaDB version in the profile (it names the image tag) and that the daemon can reach docker.io (proxy, mirror, or `docker pull` it beforehand)',
    };
  } catch (err) {
    return { name, ok: false, required: true, detail: `asking the daemon about ${image} failed: ${err instanceof Error ? err.message : String(err)}`, fix: START_DOCKER_FIX };
  }
}

function safeJson(text: string): Record<string, string | undefined> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, string | undefined>) : {};
  } catch {
    return {};
  }
}
