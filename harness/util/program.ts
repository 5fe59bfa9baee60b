// Real programs a suite drives as a user would (the AWS CLI, kubectl): found on PATH, run without a shell, with
// exactly the environment given; and short probes of what the machine has. Never throws for a non-zero exit: the
// caller reads the outcome.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The first executable file called `name` on PATH (as a shell would find it), or undefined. */
export function findOnPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface ProgramResult {
  /** Exit code; -1 when killed (timeout) or no code was reported. */
  code: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface RunProgramOptions {
  /** The complete environment of the child: nothing is inherited. */
  env: NodeJS.ProcessEnv;
  stdin?: string;
  timeoutMs?: number;
  cwd?: string;
}

/** Children still running: killed if this process exits first (an interrupted run leaves no CLI behind). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

/** Runs `file` with `args` (no shell). Rejects only when it cannot start. */
export function runProgram(file: string, args: readonly string[], o: RunProgramOptions): Promise<ProgramResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], { env: o.env, stdio: ['pipe', 'pipe', 'pipe'], shell: false, ...(o.cwd ? { cwd: o.cwd } : {}) });
    running.add(child);
    child.on('exit', () => running.delete(child));
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, o.timeoutMs ?? 120_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, timedOut });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(o.stdin ?? '');
  });
}

/**
 * A short probe of this machine (`java -version`, `docker version`) with this process's environment. Never rejects:
 * a command that cannot start reads as exit 127, the reason in stderr.
 */
export function probeCommand(cmd: string, args: readonly string[], o: { timeoutMs: number; cwd?: string; maxBuffer?: number }): Promise<Omit<ProgramResult, 'timedOut'>> {
  return new Promise((resolve) =>
    execFile(cmd, [...args], { timeout: o.timeoutMs, ...(o.cwd ? { cwd: o.cwd } : {}), ...(o.maxBuffer ? { maxBuffer: o.maxBuffer } : {}) }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 127) : 0, stdout: String(stdout), stderr: String(stderr || (err?.message ?? '')) }),
    ),
  );
}
