// `doctor`: what a Kubernetes target needs on this machine, each check saying exactly what is missing and
// how to fix it. Everything outside the process goes through DoctorEnv so the checks are testable.
import { accessSync, constants, readFileSync, existsSync } from 'node:fs';
import { findOnPath } from '../../util/program.ts';
import { totalmem, availableParallelism } from 'node:os';
import { spawnRunner, type Runner } from './run-command.ts';
import { KIND_RELEASE } from './options.ts';

import type { DoctorCheck } from '../doctor-check.ts';
export type { DoctorCheck };

export interface DoctorEnv {
  which(binary: string): string | undefined;
  run: Runner;
  nodeVersion: string;
  readText(path: string): string | undefined;
  env: NodeJS.ProcessEnv;
  totalMemoryBytes: number;
  /** CPUs of the host (default parallelism and suite workers: resources.ts). */
  cpus: number;
  platform: NodeJS.Platform;
}

export const realDoctorEnv = (): DoctorEnv => ({
  which: (binary) => (binary.includes('/') ? (isExecutable(binary) ? binary : undefined) : findOnPath(binary)),
  run: spawnRunner,
  nodeVersion: process.versions.node,
  readText: (p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined),
  env: process.env,
  totalMemoryBytes: totalmem(),
  cpus: availableParallelism(),
  platform: process.platform,
});

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** package.json engines: ^20.19.0 || >=22.12.0. */
export function checkNode(env: DoctorEnv): DoctorCheck {
  const [major = 0, minor = 0] = env.nodeVersion.split('.').map(Number);
  const ok = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22;
  return {
    name: 'Node.js',
    ok,
    detail: `Node ${env.nodeVersion}${major === 20 ? ' (Node 20 is past end of life; 22 LTS recommended)' : ''}`,
    fix: ok ? '' : 'install Node 22 LTS (https://nodejs.org) or at least 20.19',
    required: true,
  };
}

export function checkBinary(env: DoctorEnv, binary: string, fix: string, required = true): DoctorCheck {
  const path = env.which(binary);
  return { name: `${binary} on PATH`, ok: !!path, detail: path ?? `"${binary}" not found on PATH`, fix: path ? '' : fix, required };
}

export async function checkCommand(env: DoctorEnv, name: string, cmd: string, args: string[], fix: string, required = true): Promise<DoctorCheck> {
  if (!env.which(cmd)) return { name, ok: false, detail: `skipped: "${cmd}" not found on PATH`, fix, required };
  try {
    const r = await env.run(cmd, args, { timeoutMs: 15_000 });
    const out = (r.stdout || r.stderr).trim().split('\n')[0] ?? '';
    return r.code === 0 ? { name, ok: true, detail: out, fix: '', required } : { name, ok: false, detail: `${cmd} ${args.join(' ')} exited ${r.code}: ${(r.stderr || r.stdout).trim().split('\n').slice(-2).join(' ')}`, fix, required };
  } catch (e) {
    return { name, ok: false, detail: `${cmd} could not run: ${(e as Error).message}`, fix, required };
  }
}

export function checkSysctl(env: DoctorEnv, name: string, min: number, fix: string): DoctorCheck | undefined {
  if (env.platform !== 'linux') return undefined;
  const raw = env.readText(`/proc/sys/${name.replace(/\./g, '/')}`)?.trim();
  if (raw === undefined) return undefined;
  const value = Number(raw);
  return { name: `sysctl ${name}`, ok: value >= min, detail: `${name} = ${raw} (recommended ≥ ${min})`, fix: value >= min ? '' : fix, required: false };
}

export const INSTALL = {
  docker: 'install Docker Engine (https://docs.docker.com/engine/install/) or Docker Desktop: kind runs each Kubernetes node as a Docker container',
  dockerDaemon: 'start the Docker daemon (e.g. `sudo systemctl start docker`) and allow your user to use it (`sudo usermod -aG docker $USER`, then log in again)',
  kind: `install kind ${KIND_RELEASE} (https://kind.sigs.k8s.io/docs/user/quick-start/#installation): the release binary https://kind.sigs.k8s.io/dl/${KIND_RELEASE}/kind-linux-amd64`,
  podman: 'install Podman (https://podman.io/docs/installation) or unset KIND_EXPERIMENTAL_PROVIDER to use Docker',
  kubectl: 'install kubectl (https://kubernetes.io/docs/tasks/tools/): the harness does not need it, you will to look into a kept cluster',
};
