// Issue 22, done when: a run with an injected fault (`--inject-fault condition-ignored` on two variants) shows ONE
// failure group first in the console, summary.md and the page; the page's first screen (1400×900, the real headless
// chromium the page checks use) shows the group, its case count and variants, and the matrix overview. Proved on the
// DOM within the first viewport (bounding boxes), with the screenshot kept in reports/test-artifacts/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli, type CliRun } from '../helpers/cli.ts';
import { projectRoot } from '../../harness/util/paths.ts';
import { browserUnavailableReason, launchBrowser, type OpenBrowser } from '../../harness/report/browser.ts';

const CAUSE = 'expected ConditionalCheckFailedException, but the request succeeded';
const GROUP = `39 cases × 2 variants: ${CAUSE} (api/condition-expressions)`;
const SCREEN = { width: 1400, height: 900 };
const SCREENSHOT = join(projectRoot(), 'reports', 'test-artifacts', 'first-screen-condition-ignored.png');

describe('a failing run (condition-ignored on two variants) reads as one cause', { timeout: 240_000 }, () => {
  let r: CliRun;
  beforeAll(async () => {
    r = await runCli(['run', '--suite', 'api/condition-expressions', '--variant', 'defaults', '--variant', 'http-noauth', '--inject-fault', 'condition-ignored'], { timeoutMs: 200_000 });
  }, 220_000);

  it('console: the end summary starts with the one group; the cause is printed once live, once as the group, once as new since the last run', () => {
    expect(r.code, r.stderr.slice(-2000)).toBe(1);
    const summary = r.stdout.slice(r.stdout.indexOf('\nFailures by cause'));
    expect(summary.split('\n').slice(1, 4)).toEqual(['Failures by cause (1 cause(s), 78 failure(s)):', `  ✗ ${GROUP}`, '      variants: defaults, http-noauth']);
    expect(r.stdout.split('\n').filter((l) => l.includes(CAUSE))).toEqual([`      ${CAUSE}`, `  ✗ ${GROUP}`, `  + NEW FAIL ${GROUP}`]);
    expect(r.stdout).toMatch(/^Page: .*index\.html$/m);
    expect(r.stdout).toMatch(/^\d+ passed, 78 failed, \d+ skipped$/m);
  });

  it('summary.md: the first section is the group', () => {
    const md = readFileSync(join(r.runDir(), 'summary.md'), 'utf8');
    const sections = md.split('\n').filter((l) => l.startsWith('## ') || l.startsWith('### '));
    expect(sections.slice(0, 2)).toEqual(['## Failures by cause (1 cause(s), 78 failure(s))', `### ${GROUP}`]);
  });

  const unavailable = browserUnavailableReason();
  describe.skipIf(unavailable !== undefined)(`the page's first screen in headless Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
    let browser: OpenBrowser;
    beforeAll(async () => {
      browser = await launchBrowser();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });

    it('shows the group, its case count and variants, and the matrix overview within 1400×900', async () => {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.setViewportSize(SCREEN);
      await page.goto(pathToFileURL(join(r.runDir(), 'index.html')).href);
      const seen = await page.evaluate(() => {
        const box = (e: Element | null) => {
          if (!e) return null;
          const b = e.getBoundingClientRect();
          return { top: Math.round(b.top), bottom: Math.round(b.bottom), left: Math.round(b.left), right: Math.round(b.right), visible: b.width > 0 && b.height > 0 };
        };
        const groups = Array.from(document.querySelectorAll('.groups details.group'));
        const summary = groups[0]?.querySelector('summary') ?? null;
        const matrix = document.querySelector('table.matrix');
        return {
          scroll: { x: window.scrollX, y: window.scrollY },
          groups: groups.length,
          heading: document.querySelector('#groups-h')?.textContent,
          size: summary?.querySelector('.g-size')?.textContent,
          message: summary?.querySelector('.g-message')?.textContent,
          chips: Array.from(summary?.querySelectorAll('.chip') ?? []).map((c) => ({ text: c.textContent, box: box(c) })),
          summaryBox: box(summary),
          matrixBox: box(matrix),
          rows: Array.from(matrix?.querySelectorAll('tbody tr') ?? []).map((tr) => ({ text: tr.textContent, box: box(tr) })),
          firstBelowMatrix: box(document.querySelector('#matrix-h')!.parentElement!.nextElementSibling),
        };
      });
      await page.screenshot({ path: SCREENSHOT });
      await page.close();
      expect(errors).toEqual([]);
      expect(seen.scroll).toEqual({ x: 0, y: 0 });
      expect(seen.groups).toBe(1);
      expect(seen.heading).toBe('Failures by cause: 1 cause(s), 78 failure(s)');
      expect(seen.size).toBe('39 cases × 2 variants');
      expect(seen.message).toBe(CAUSE);
      expect(seen.chips.map((c) => c.text)).toEqual(['defaults', 'http-noauth']);
      const inFirstScreen = (b: { top: number; bottom: number; left: number; right: number; visible: boolean } | null) =>
        b !== null && b.visible && b.top >= 0 && b.bottom <= SCREEN.height && b.left >= 0 && b.right <= SCREEN.width;
      expect(inFirstScreen(seen.summaryBox), JSON.stringify(seen.summaryBox)).toBe(true);
      for (const c of seen.chips) expect(inFirstScreen(c.box), `${c.text} ${JSON.stringify(c.box)}`).toBe(true);
      expect(inFirstScreen(seen.matrixBox), JSON.stringify(seen.matrixBox)).toBe(true);
      expect(seen.rows.map((x) => x.text!.split(' ')[0]!.replace(/\d.*$/, ''))).toEqual(['defaults', 'http-noauth']);
      for (const row of seen.rows) {
        expect(row.text).toMatch(/39 failed/);
        expect(inFirstScreen(row.box)).toBe(true);
      }
      // The group comes before the matrix.
      expect(seen.summaryBox!.bottom).toBeLessThanOrEqual(seen.matrixBox!.top);
    });
  });
});
