// Spawning a command and collecting its output (kind, docker). Never throws for a non-zero exit: callers decide.
import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type Runner = (cmd: string, args: string[], o?: { stdin?: string; signal?: AbortSignal; timeoutMs?: number }) => Promise<CommandResult>;

/** Rejects only when the command cannot start (e.g. ENOENT). */
export const spawnRunner: Runner = (cmd, args, o = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], ...(o.signal ? { signal: o.signal } : {}), ...(o.timeoutMs ? { timeout: o.timeoutMs } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(o.stdin ?? '');
  });
