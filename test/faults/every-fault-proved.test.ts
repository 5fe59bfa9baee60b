// Every deliberate deviation of the local front door must have a proof under test/faults that runs it: a fault no
// test injects proves nothing, and a suite it was meant to catch could silently stop catching it.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAULT_NAMES } from '../../harness/targets/local/faults.ts';
import { projectRoot } from '../../harness/util/paths.ts';

describe('fault proofs', () => {
  it('every fault name is injected by a test in test/faults', () => {
    const dir = join(projectRoot(), 'test', 'faults');
    const proofs = readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts') && f !== 'every-fault-proved.test.ts')
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    // A proof names the fault as a quoted string where it runs it (run('x', ...), { fault: 'x' }, ...).
    const missing = FAULT_NAMES.filter((name) => !proofs.includes(`'${name}'`));
    expect(missing, `faults without a proof in test/faults: ${missing.join(', ')}`).toEqual([]);
  });
});
