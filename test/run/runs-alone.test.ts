// A suite file marked `@alternator-e2e runs-alone` (harness/run/suites.ts) runs after every other file and with
// nothing beside it, one variant at a time (harness/run/projects.ts): the global metrics checks measure exact deltas
// only because of it. Proved by order, not time: the files log their start and end, and no other line may fall
// inside the alone file's span.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { planProjects, variantOfProject } from '../../harness/run/projects.ts';
import { discoverSuites } from '../../harness/run/suites.ts';
import { projectRoot } from '../../harness/util/paths.ts';

describe('suite files that run alone', () => {
  it('are found by their mark, and each (file, variant) gets a sequence group of its own after the shared files', () => {
    const suites = discoverSuites(join(projectRoot(), 'test', 'fixtures', 'suites', 'alone'));
    expect(suites.map((s) => [s.id, s.runsAlone ?? false])).toEqual([
      ['shared-a', false],
      ['shared-b', false],
      ['whole', true],
    ]);
    const plans = planProjects(['v1', 'v2'], suites);
    expect(plans.map((p) => [p.variant, p.groupOrder, p.files.length])).toEqual([
      ['v1', 0, 2],
      ['v2', 0, 2],
      ['v1', 1, 1],
      ['v2', 2, 1],
    ]);
    expect(plans.map((p) => variantOfProject(p.name))).toEqual(['v1', 'v2', 'v1', 'v2']);
    expect(discoverSuites().filter((s) => s.runsAlone).map((s) => s.id)).toEqual(['metrics/global-counters']);
  });

  it('a run starts the alone file only after every shared file ended, and nothing else runs while it does', { timeout: 120_000 }, async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'alte2e-alone-')), 'log');
    const r = await runCli(['run', '--suites-dir', 'test/fixtures/suites', '--suite', 'alone', '--variant', 'defaults', '--variant', 'http-noauth', '--quiet'], {
      env: { ALTE2E_ALONE_LOG: log },
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.cases().map((c) => `${c.variant} ${c.suite} ${c.status}`).sort()).toEqual(
      ['defaults alone/shared-a passed', 'defaults alone/shared-b passed', 'defaults alone/whole passed', 'http-noauth alone/shared-a passed', 'http-noauth alone/shared-b passed', 'http-noauth alone/whole passed'].sort(),
    );
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(12);
    const firstAlone = lines.findIndex((l) => l.startsWith('start whole'));
    expect(lines.slice(firstAlone).every((l) => l.includes(' whole ')), lines.join('\n')).toBe(true);
    // Each alone start is followed directly by its own end.
    for (let i = firstAlone; i < lines.length; i += 2) expect(lines[i + 1], lines.join('\n')).toBe(lines[i]!.replace('start', 'end'));
    // The shared files did run side by side (so the order above is the scheduler's doing, not chance).
    expect(lines.slice(0, 2).every((l) => l.startsWith('start')), lines.join('\n')).toBe(true);
  });
});
