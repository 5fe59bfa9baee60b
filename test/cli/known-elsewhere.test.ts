// A failure group whose cases consulted a documented difference of other versions says so, with the versions and the
// reference (issue 22: "known in 2025.1.x, fixed in 2025.3.0: <reference>"), in the console, summary.md and the page.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';

const KNOWN = 'alternator-batch-write-empty-accepted: known in scylladb 4.0.0 up to 2025.3.0 (exclusive), fixed in 2025.3.0: scylladb/scylladb alternator/executor.cc executor::batch_write_item';

describe('failures that match a documented difference of other versions', () => {
  it('the group of the cases that consulted it names the difference, its versions and its reference; the other group does not', async () => {
    const r = await runCli(['run', '--suites-dir', 'test/fixtures/suites', '--suite', 'known', '--variant', 'defaults', '--quiet']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const failures = r.cases().filter((c) => c.status === 'failed');
    expect(failures.map((c) => c.failure?.differencesElsewhere ?? [])).toEqual([['alternator-batch-write-empty-accepted'], ['alternator-batch-write-empty-accepted'], []]);
    const section = r.stdout.slice(r.stdout.indexOf('Failures by cause'));
    expect(section.split('\n').slice(0, 7)).toEqual([
      'Failures by cause (2 cause(s), 3 failure(s)):',
      "  ✗ 2 cases × 1 variant: the empty BatchWriteItem: expected 'success on t1' to be 'ValidationException' // Object.is equality (values vary) (known/old-version-behaviour)",
      '      variants: defaults',
      '      › known elsewhere fixture > an empty BatchWriteItem on t1 is refused',
      '      › known elsewhere fixture > an empty BatchWriteItem on t2 is refused',
      expect.stringMatching(new RegExp(`^      ${KNOWN.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} .*<https://github\\.com/scylladb/scylladb/blob/scylla-2025\\.2\\.0/alternator/executor\\.cc>$`)),
      expect.stringMatching(/^  ✗ 1 case × 1 variant: expected 1 to be 2/),
    ]);
    expect(r.stdout.split(KNOWN).length - 1).toBe(1);
    expect(readFileSync(join(r.runDir(), 'summary.md'), 'utf8')).toContain(`> ${KNOWN}`);
    expect(readFileSync(join(r.runDir(), 'index.html'), 'utf8')).toMatch(/<p class="known">alternator-batch-write-empty-accepted: known in scylladb 4\.0\.0 up to 2025\.3\.0 \(exclusive\), fixed in 2025\.3\.0: .*<a href="https:\/\/github\.com\/scylladb\/scylladb\/blob\/scylla-2025\.2\.0\/alternator\/executor\.cc">/);
  }, 120_000);
});
