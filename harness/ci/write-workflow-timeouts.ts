// `npm run workflows:timeouts [-- --write] [-- --calibrate RESULTS]`: prints the timeouts the plan derives for the
// shipped workflows (harness/ci/workflow-timeouts.ts); --write puts them into .github/workflows/*.yml and README.md's
// duration table; --calibrate uses the durations a real run measured instead of estimate.ts's constants.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../util/paths.ts';
import { ConfigError } from '../util/errors.ts';
import { readCalibration } from '../targets/kubernetes/calibrate.ts';
import { deriveTimeouts, durationsMarkdown, timeoutMismatches, withDurationsTable, withTimeouts } from './workflow-timeouts.ts';
import { workflowsDir } from './workflows.ts';

const args = process.argv.slice(2);
const write = args.includes('--write');
const at = args.indexOf('--calibrate');
try {
  if (at >= 0 && !args[at + 1]) throw new ConfigError('needs a results.json (or run directory) of a kind run', { field: '--calibrate' });
  const calibration = at >= 0 ? readCalibration(args[at + 1]!, 'kind') : undefined;
  const derived = await deriveTimeouts(calibration ? { calibration } : {});
  process.stdout.write(`${durationsMarkdown(derived)}\n`);
  if (write) {
    for (const file of [...new Set(derived.map((d) => d.file))]) {
      const path = join(workflowsDir(), file);
      writeFileSync(path, withTimeouts(readFileSync(path, 'utf8'), derived.filter((d) => d.file === file)));
    }
    const readme = join(projectRoot(), 'README.md');
    writeFileSync(readme, withDurationsTable(readFileSync(readme, 'utf8'), derived));
    process.stdout.write('wrote the timeouts into .github/workflows/ and the table into README.md\n');
  } else {
    const problems = timeoutMismatches(derived);
    process.stdout.write(problems.length ? `${problems.join('\n')}\n` : 'the workflows match the plan\n');
    process.exitCode = problems.length ? 1 : 0;
  }
} catch (e) {
  process.stderr.write(`error: ${(e as Error).message}\n`);
  process.exitCode = e instanceof ConfigError ? 2 : 1;
}
