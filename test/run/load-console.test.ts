// The load command's closing table: one row per variant, workload and top-level operation, numbers right-aligned.
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { formatTable, loadTableRows, printLoadSummary } from '../../harness/run/load-console.ts';
import type { LoadReport } from '../../harness/load/report-schema.ts';
import type { RunResult } from '../../harness/report/results.ts';

const op = (throughput: number, errorCount: number, p50: number, p99: number, p999: number) => ({ throughput, errorCount, latencyMs: { p50, p99, p999 } });
// Only the fields the table reads.
const report = (variant: string, workload: string, operations: Record<string, ReturnType<typeof op>>) =>
  ({ variant: { name: variant, writeIsolation: 'forbid_rmw' }, workload, operations }) as unknown as LoadReport;

const REPORTS = [
  report('m-forbid', 'F', { read: op(12345.6, 0, 0.5123, 3.2, 12.34), 'read-modify-write': op(980, 17, 4.1, 40, 150.25), 'read-modify-write/read': op(980, 0, 1, 2, 3) }),
  report('m-forbid', 'C', { read: op(25000, 0, 0.3, 1.1, 2) }),
];

describe('load console table', () => {
  it('has the operations of each workload, without the parts of a compound operation', () => {
    expect(loadTableRows(REPORTS)).toEqual([
      ['m-forbid (forbid_rmw)', 'F', 'read', '12,346', '0', '0.51', '3.20', '12.3'],
      ['m-forbid (forbid_rmw)', 'F', 'read-modify-write', '980', '17', '4.10', '40.0', '150.3'],
      ['m-forbid (forbid_rmw)', 'C', 'read', '25,000', '0', '0.30', '1.10', '2.00'],
    ]);
  });

  it('aligns columns: text left, numbers right', () => {
    expect(formatTable(loadTableRows(REPORTS)).split('\n')).toEqual([
      'variant                workload  operation           ops/s  errors  p50 ms  p99 ms  p99.9 ms',
      'm-forbid (forbid_rmw)  F         read               12,346       0    0.51    3.20      12.3',
      'm-forbid (forbid_rmw)  F         read-modify-write     980      17    4.10    40.0     150.3',
      'm-forbid (forbid_rmw)  C         read               25,000       0    0.30    1.10      2.00',
    ]);
  });

  it('ends the console with the table; says so when no workload finished, naming variants that did not deploy', () => {
    let text = '';
    const out = new Writable({ write: (chunk, _e, cb) => ((text += chunk), cb()) });
    const run = { target: 'local', interrupted: false, variants: [{ name: 'multi-dc', provisioning: { status: 'not-applicable', message: 'not applicable: one datacenter' } }] } as unknown as RunResult;
    printLoadSummary(out, run, REPORTS, { results: '/r/results.json', loadPage: '/r/load.html' });
    expect(text).toContain('multi-dc                         NOT-APPLICABLE: not applicable: one datacenter\n');
    expect(text.trimEnd().endsWith(formatTable(loadTableRows(REPORTS)))).toBe(true);
    text = '';
    printLoadSummary(out, run, [], { results: '/r/results.json', loadPage: '/r/load.html' });
    expect(text.trimEnd().split('\n').pop()).toBe('No load report: no workload finished on target local');
  });
});
