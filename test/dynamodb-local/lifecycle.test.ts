// The dynamodb-local target's server does not outlive the run when it is interrupted: on Ctrl-C (the run's teardown)
// and when the Node process dies without cleaning up (SIGKILL: setpriv --pdeathsig). Stopping at the end of a run is
// checked by full-run.test.ts.
import { describe, it, expect } from 'vitest';
import net from 'node:net';
import { spawnSync } from 'node:child_process';
import { dynamodbLocalChecks } from '../../harness/targets/dynamodb-local/distribution.ts';
import { runCli, type CliRun } from '../helpers/cli.ts';

const missing = (await dynamodbLocalChecks()).filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail} (fix: ${c.fix})`);
const pdeathsig = process.platform === 'linux' && spawnSync('setpriv', ['--pdeathsig', 'KILL', '--', 'true']).status === 0;

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/** Waits until nothing listens on the port (the server may take a moment to die after its parent). */
async function closedWithin(port: number, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) if (!(await listening(port))) return true;
  return false;
}

const portOf = (stderr: string) => Number(/variant dynamodb-local ready at http:\/\/127\.0\.0\.1:(\d+)/.exec(stderr)?.[1] ?? NaN);

/** A run that gets `signal` once the server is ready (and its suites started). */
function interruptedRun(signal: NodeJS.Signals): Promise<{ r: CliRun; port: number }> {
  let port = NaN;
  return runCli(['run', '--target', 'dynamodb-local', '--suite', 'api/scan', '--suite', 'api/query'], {
    onSpawn: (child, out) => {
      const timer = setInterval(() => {
        if (Number.isNaN(port) && /running \d+ suite file/.test(out.stderr())) {
          port = portOf(out.stderr());
          clearInterval(timer);
          child.kill(signal);
        }
      }, 50);
      child.on('exit', () => clearInterval(timer));
    },
  }).then((r) => ({ r, port }));
}

describe('DynamoDB Local when the run is interrupted', () => {
  it('Ctrl-C stops it (exit 130, nothing left listening)', { timeout: 300_000 }, async (ctx) => {
    if (missing.length) ctx.skip(`DynamoDB Local cannot start here: ${missing.join('; ')}`);
    const { r, port } = await interruptedRun('SIGINT');
    expect(port, r.stderr).toBeGreaterThan(0);
    expect(r.code, r.stdout + r.stderr).toBe(130);
    expect(r.stderr).toMatch(/deployments stopped/);
    expect(await listening(port)).toBe(false);
  });

  it('a Node process killed with SIGKILL (no clean-up possible) does not leave DynamoDB Local running', { timeout: 300_000 }, async (ctx) => {
    if (missing.length) ctx.skip(`DynamoDB Local cannot start here: ${missing.join('; ')}`);
    if (!pdeathsig) ctx.skip('setpriv --pdeathsig is not available here (util-linux on Linux): only the exit hook and the run\'s teardown stop the server');
    const { r, port } = await interruptedRun('SIGKILL');
    expect(r.signal).toBe('SIGKILL');
    expect(port).toBeGreaterThan(0);
    expect(await closedWithin(port, 15_000)).toBe(true);
  });
});
