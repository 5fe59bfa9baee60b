// The load page and summary: files written where the run's reports live, the JSON valid against its
// schema, the page self-contained, and the page checked in a real headless chromium.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeLoadReports } from '../../harness/report/load-write.ts';
import { LoadVariantFile } from '../../harness/load/report-schema.ts';
import { compareReports, DEFAULT_THRESHOLDS } from '../../harness/load/baseline.ts';
import { LOAD_SECTION_BEGIN, LOAD_SECTION_END } from '../../harness/report/load-summary-md.ts';
import { browserUnavailableReason, launchBrowser, checkPage } from '../../harness/report/browser.ts';
import { projectRoot } from '../../harness/util/paths.ts';
import { fixtureReport } from './report-fixture.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'load-page-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Two workloads on three write-isolation variants, F with its inner operations, and a baseline with one regression.
function run() {
  const modes = [
    ['m-lwt', 'always_use_lwt', 1.6],
    ['m-rmwlwt', 'only_rmw_uses_lwt', 1],
    ['m-unsafe', 'unsafe_rmw', 0.8],
  ] as const;
  const reports = modes.flatMap(([variant, writeIsolation, scale], i) => [
    fixtureReport({ variant, writeIsolation, workload: 'A', latencyScale: scale, seed: i + 1 }),
    fixtureReport({ variant, writeIsolation, workload: 'F', latencyScale: scale, seed: i + 10, ops: ['read', 'read-modify-write', 'read-modify-write/read', 'read-modify-write/update'], errors: i === 0 ? { ConditionalCheckFailedException: 3 } : {} }),
  ]);
  const baseline = [fixtureReport({ variant: 'm-lwt', workload: 'A', latencyScale: 1, runId: 'base' })];
  return { reports, comparison: compareReports(reports, baseline, DEFAULT_THRESHOLDS, 'reports/base') };
}

describe('load reports on disk', () => {
  it('writes load/<variant>.json per variant, valid against the schema, load.html and the summary section', () => {
    const { reports, comparison } = run();
    const runDir = join(dir, 'run-a');
    const written = writeLoadReports(runDir, reports, comparison);
    expect(written.json.map((f) => f.slice(runDir.length + 1)).sort()).toEqual(['load/m-lwt.json', 'load/m-rmwlwt.json', 'load/m-unsafe.json']);
    for (const f of written.json) {
      const file = LoadVariantFile.parse(JSON.parse(readFileSync(f, 'utf8')));
      expect(file.reports.map((r) => r.workload)).toEqual(['A', 'F']);
      expect(file.reports.every((r) => r.variant.name === file.variant)).toBe(true);
    }
    const md = readFileSync(written.summary, 'utf8');
    expect(md).toContain('| m-lwt (always_use_lwt) | A | read |');
    expect(md).toMatch(/\*\*\d+ regression\(s\)\*\*/);
    // Inner read-modify-write calls are detail for the page, not the summary.
    expect(md).not.toContain('read-modify-write/read');
    const html = readFileSync(written.html, 'utf8');
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Compared with baseline');
  });

  it('load.html carries the run\'s banners and versions as the summary page does, and the runner class', () => {
    const emulated = { name: 'lwt', target: 'local', options: {}, versions: { scylla: '2026.1.3', operator: 'v1.21.1' }, versionsSource: 'emulated' as const, emulatedBy: 'the harness front door over dynalite', suites: [] };
    const { html } = writeLoadReports(join(dir, 'run-banner'), [fixtureReport()], undefined, [emulated, { ...emulated, name: 'not-loaded' }]);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<p class="banner banner-info" role="note">Emulated, not deployed: the harness front door over dynalite.');
    expect(page).toMatch(/<h2>Variants and versions<\/h2><table>.*<td>v1\.21\.1 <small>\(emulated\)<\/small><\/td><td>2026\.1\.3 <small>\(emulated\)<\/small><\/td>/);
    // Only the variants that were loaded.
    expect(page).not.toContain('not-loaded');
    expect(page).toContain('Measured on runner class <code>linux-x64, 4 CPU, 16 GiB</code>');
    // Deployed on ScyllaDB: no banner.
    const deployed = { ...emulated, target: 'kind', versionsSource: 'deployed' as const, emulatedBy: undefined };
    expect(readFileSync(writeLoadReports(join(dir, 'run-deployed'), [fixtureReport()], undefined, [deployed]).html, 'utf8')).not.toContain('Emulated, not deployed');
  });

  it('a comparison that compared nothing says so on the page and in summary.md', () => {
    const c = compareReports([fixtureReport({ parameters: { concurrency: 64 } })], [fixtureReport({ runId: 'base' })], DEFAULT_THRESHOLDS, 'reports/base');
    const written = writeLoadReports(join(dir, 'run-nothing'), [fixtureReport({ parameters: { concurrency: 64 } })], c);
    expect(readFileSync(written.html, 'utf8')).toContain('Nothing was compared');
    const md = readFileSync(written.summary, 'utf8');
    expect(md).toContain('0 variant/workload pair(s) compared, 1 incomparable');
    expect(md).toContain('**Nothing was compared**');
    expect(md).toMatch(/lwt · A · total: incomparable \(measured differently: concurrency 8 -> 64\)/);
  });

  it('keeps the rest of an existing summary.md and replaces only its load section', () => {
    const runDir = join(dir, 'run-b');
    writeLoadReports(runDir, [fixtureReport()]);
    const summary = join(runDir, 'summary.md');
    writeFileSync(summary, `# Run summary\n\nSuites passed.\n\n${readFileSync(summary, 'utf8')}\n## After\n`);
    writeLoadReports(runDir, [fixtureReport({ variant: 'second' })]);
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# Run summary\n\nSuites passed.')).toBe(true);
    expect(md.split(LOAD_SECTION_BEGIN)).toHaveLength(2);
    expect(md.split(LOAD_SECTION_END)).toHaveLength(2);
    expect(md).toContain('| second |');
    expect(md).not.toContain('| lwt |');
    expect(md.trimEnd().endsWith('## After')).toBe(true);
  });
});

const noBrowser = browserUnavailableReason();

describe.skipIf(noBrowser !== undefined)(`load.html in headless chromium${noBrowser ? ` (skipped: ${noBrowser})` : ''}`, () => {
  it('renders every chart with no console error and no network request, and keeps a screenshot', async () => {
    const { reports, comparison } = run();
    const runDir = join(dir, 'run-browser');
    const { html } = writeLoadReports(runDir, reports, comparison);
    const screenshot = join(projectRoot(), 'reports', 'test-artifacts', 'load-page.png');
    const browser = await launchBrowser();
    try {
      let chartBoxes: Array<{ width: number; height: number }> = [];
      const check = await checkPage(browser, html, {
        selectors: ['svg.chart', 'svg.chart path.series', 'svg.chart rect.bar', 'section[id^="r-"]', '#variants', '#baseline tr.regression'],
        screenshot,
        inspect: async (page) => {
          chartBoxes = await page.locator('svg.chart').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ width: r.width, height: r.height })));
        },
      });
      expect(check.errors).toEqual([]);
      expect(check.externalRequests).toEqual([]);
      expect(check.title).toContain('run-1');
      // 6 reports x 3 charts, plus per workload 1 throughput chart and one latency chart per top-level operation (A: 2, F: 2).
      expect(check.counts['svg.chart']).toBe(6 * 3 + 2 * (1 + 2));
      expect(check.counts['section[id^="r-"]']).toBe(6);
      expect(check.counts['#variants']).toBe(1);
      expect(check.counts['#baseline tr.regression']).toBeGreaterThan(0);
      expect(check.counts['svg.chart path.series']).toBeGreaterThan(6 * 4);
      expect(check.counts['svg.chart rect.bar']).toBeGreaterThanOrEqual(3 * 2 + 3 * 3 * 4);
      expect(chartBoxes.every((b) => b.width > 100 && b.height > 100)).toBe(true);
      expect(existsSync(screenshot) && statSync(screenshot).size > 10_000).toBe(true);
    } finally {
      await browser.close();
    }
  }, 90_000);
});
