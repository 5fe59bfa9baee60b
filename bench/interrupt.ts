// `npm run bench:interrupt [-- --at 3,8,15,25,40] [--signal SIGINT]`: starts the main job (`npm start`) and interrupts
// it that many seconds after start, once per moment; prints how long it took to exit after the signal, its exit code,
// and whether the JUnit was written. A benchmark, not a test (test/cli/interrupt.test.ts proves the behaviour).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../harness/util/paths.ts';

const { values } = parseArgs({ options: { at: { type: 'string', default: '3,8,15,25,40' }, signal: { type: 'string', default: 'SIGINT' } } });
const moments = values.at!.split(',').map(Number);
if (moments.some((m) => !(m >= 0))) throw new Error(`--at: seconds after start, comma-separated; got ${values.at}`);
const signal = values.signal as NodeJS.Signals;
if (signal !== 'SIGINT' && signal !== 'SIGTERM') throw new Error(`--signal: SIGINT or SIGTERM; got ${values.signal}`);

function interruptAt(seconds: number): Promise<{ stopSeconds: number; code: number | null; junit: boolean }> {
  const reports = mkdtempSync(join(tmpdir(), 'alte2e-bench-int-'));
  const child = spawn(process.execPath, ['bin/alternator-e2e.mjs', 'run', '--quiet', '--reports', reports], { cwd: projectRoot(), stdio: 'ignore' });
  let sentAt = 0;
  const timer = setTimeout(() => {
    sentAt = Date.now();
    child.kill(signal);
  }, seconds * 1000);
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      clearTimeout(timer);
      const junit = join(reports, 'latest', 'junit.xml');
      resolve({ stopSeconds: sentAt ? (Date.now() - sentAt) / 1000 : NaN, code, junit: existsSync(junit) && existsSync(realpathSync(junit)) });
    });
  });
}

process.stdout.write(` at s   stopped after s   exit   JUnit\n`);
for (const at of moments) {
  const r = await interruptAt(at);
  process.stdout.write(`${String(at).padStart(5)} ${(Number.isNaN(r.stopSeconds) ? 'finished first' : r.stopSeconds.toFixed(1)).padStart(17)} ${String(r.code).padStart(6)}   ${r.junit ? 'yes' : 'NO'}\n`);
}
