// Ctrl-C / SIGTERM during a run: suites stop, deployments are torn down, the partial report is written.
import { describe, it, expect } from 'vitest';
import net from 'node:net';
import { runCli } from '../helpers/cli.ts';
import { validateJUnit } from '../helpers/junit-schema.ts';

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

describe.each([
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const)('%s during a run', (signal, exitCode) => {
  it('tears down what the run created and still writes a valid partial JUnit', async () => {
    let sent = false;
    const r = await runCli(['run'], {
      onSpawn: (child, out) => {
        const timer = setInterval(() => {
          if (!sent && /running \d+ suite file/.test(out.stderr())) {
            sent = true;
            clearInterval(timer);
            child.kill(signal);
          }
        }, 20);
        child.on('exit', () => clearInterval(timer));
      },
    });
    expect(sent).toBe(true);
    expect(r.code).toBe(exitCode);
    expect(r.stderr).toContain(`${signal}: stopping suites`);
    expect(r.stderr).toMatch(/deployments stopped/);
    const res = r.results();
    expect(res.interrupted).toBe(true);
    expect(res.finishedAt).toBeDefined();
    expect((await validateJUnit(r.junit())).valid).toBe(true);
    // Nothing the run opened is still listening.
    const ports = [...r.stderr.matchAll(/ready at https:\/\/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
    expect(ports.length).toBeGreaterThanOrEqual(5);
    for (const p of ports) expect(await listening(p)).toBe(false);
  });
});
