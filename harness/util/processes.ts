// Child processes of this one, for the last resort of an interrupted run: vitest workers that do not stop when
// asked. `ps -A -o pid=,ppid=,args=` works on Linux and macOS alike.
import { execFileSync } from 'node:child_process';

/** Descendants of `root` (default: this process) whose command line matches `pattern`. */
export function descendants(pattern: RegExp, root = process.pid): number[] {
  let table: Array<{ pid: number; ppid: number; args: string }>;
  try {
    table = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8', timeout: 5_000 })
      .split('\n')
      .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  } catch {
    return [];
  }
  const out: number[] = [];
  const walk = (parent: number) => {
    for (const p of table.filter((x) => x.ppid === parent)) {
      if (pattern.test(p.args)) out.push(p.pid);
      walk(p.pid);
    }
  };
  walk(root);
  return out;
}

/** SIGKILL to each pid that still exists; returns how many were killed. */
export function killAll(pids: readonly number[]): number {
  let n = 0;
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
      n++;
    } catch {
      /* already gone */
    }
  }
  return n;
}
