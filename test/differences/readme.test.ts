// README's table of documented differences is the registry's own (rewritten by `npm run docs:differences`).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../harness/util/paths.ts';
import { withDifferencesTable, differencesMarkdown } from '../../harness/differences/markdown.ts';
import { DIFFERENCES } from '../../harness/differences/registry.ts';

describe('README documented differences', () => {
  it('equal the registry (run `npm run docs:differences` after changing it)', () => {
    const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
    expect(readme).toBe(withDifferencesTable(readme));
    for (const d of DIFFERENCES) expect(readme).toContain(`\`${d.id}\``);
  });

  it('show per-branch ranges with their backports', () => {
    const row = differencesMarkdown().split('\n').find((l) => l.startsWith('| `alternator-ttl-tag-visible` |'))!;
    expect(row).toContain('| scylladb 5.2.0 up to 2025.3.0 (exclusive; backports: 2025.1.4 on 2025.1, 2025.2.0 on 2025.2) |');
  });
});
