import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { renderSummaryPage, diagnosticsHref, loadSummariesFrom, type LoadSummary } from '../../harness/report/summary-page.ts';
import type { LoadReport } from '../../harness/load/report-schema.ts';
import type { CaseResult, RunResult, VariantResult } from '../../harness/report/results.ts';
import { projectRoot } from '../../harness/util/paths.ts';
import { browserUnavailableReason, launchBrowser, type OpenBrowser } from '../../harness/report/browser.ts';

const ARTIFACTS = join(projectRoot(), 'reports', 'test-artifacts');
const RUN_DIR = join(ARTIFACTS, 'summary-page-run');

const c = (name: string, outcome: CaseResult['outcome'], extra: Partial<CaseResult> = {}): CaseResult => ({
  name,
  status: outcome === 'failed' ? 'failed' : outcome === 'passed' || outcome === 'limitation-reproduced' ? 'passed' : outcome === 'limitation-lifted' ? 'failed' : 'skipped',
  outcome,
  durationMs: 12,
  ...extra,
});
const variant = (name: string, suites: VariantResult['suites'], extra: Partial<VariantResult> = {}): VariantResult => ({
  name,
  target: 'kind',
  options: { alternator: { writeIsolation: 'forbid_rmw' }, datacenters: ['dc1'] },
  versions: { scylla: '2026.2.4', operator: 'v1.21.1' },
  suites,
  ...extra,
});
const suite = (v: string, id: string, cases: CaseResult[], error?: string) => ({ variant: v, suite: id, file: `${id}.test.ts`, cases, durationMs: 100, ...(error ? { error } : {}) });

function syntheticRun(): RunResult {
  return {
    schemaVersion: 1,
    runId: '20260101T020000Z-beef',
    profile: 'nightly',
    target: 'kind',
    startedAt: '2026-01-01T02:00:00.000Z',
    finishedAt: '2026-01-01T02:40:00.000Z',
    interrupted: false,
    variants: [
      variant('m-lwt-http-auth-om', [
        suite('m-lwt-http-auth-om', 'api/items', [c('put > get', 'passed'), c('batch', 'passed')]),
        suite('m-lwt-http-auth-om', 'auth/sigv4', [c('stale date is accepted', 'limitation-reproduced'), c('no auth header', 'passed')]),
        suite('m-lwt-http-auth-om', 'tls/certificates', [c('SANs', 'passed')]),
      ]),
      variant(
        'm-forbid-nohttp-noauth-omx',
        [
          suite('m-forbid-nohttp-noauth-omx', 'api/items', [
            c('put > get', 'passed'),
            c('conditional <script>alert(1)</script>', 'failed', { failure: { message: 'expected ValidationException, got 200', details: 'at suites/api/items.test.ts:42' } }),
            c('update SET a = a + :x', 'failed', { failure: { message: 'expected "forbid_rmw" rejection' } }),
          ]),
          suite('m-forbid-nohttp-noauth-omx', 'auth/sigv4', [c('wrong secret', 'not-applicable', { reason: 'not applicable: authorization disabled' })]),
          suite('m-forbid-nohttp-noauth-omx', 'tls/certificates', [c('additional names', 'passed')]),
        ],
        { diagnosticsDir: join(RUN_DIR, 'diagnostics', 'm-forbid-nohttp-noauth-omx') },
      ),
      variant('m-unsafe-http-auth-um', [
        suite('m-unsafe-http-auth-um', 'api/items', [c('put > get', 'passed')], 'TypeError: cannot read properties of undefined'),
        suite('m-unsafe-http-auth-um', 'auth/sigv4', [c('stale date is accepted', 'limitation-lifted', { reason: 'docs/alternator/compatibility.md#authentication' })]),
      ]),
      variant('multi-dc', [], { provisioning: { status: 'not-applicable', message: 'not applicable: the container target runs one datacenter' } }),
      variant('legacy-port', [], { provisioning: { status: 'failed', message: 'webhook did not answer within 300 s', step: 'apply ScyllaCluster' } }),
    ],
  };
}

const LOAD: LoadSummary[] = [
  { variant: 'm-lwt-http-auth-om', workload: 'read-mostly', opsPerSecond: 4210.4, p50Ms: 1.9, p99Ms: 14.2, errors: 0, verdict: 'ok', href: 'load/index.html' },
  { variant: 'm-lwt-http-auth-om', workload: 'update-heavy', opsPerSecond: 1200, p50Ms: 4.1, p99Ms: 80.5, errors: 3, verdict: 'regression', note: 'p99 +42% over baseline' },
];

describe('renderSummaryPage (as text)', () => {
  const html = renderSummaryPage(syntheticRun(), { pageDir: RUN_DIR, loadSummaries: LOAD });

  it('is self-contained: no script, nothing loaded from elsewhere, a CSP that forbids loading anything', () => {
    expect(html).not.toMatch(/<script/i);
    // Links to references (<a href="https://...">) navigate; nothing is loaded: no src, no stylesheet link.
    expect(html).not.toMatch(/src="(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).toContain('conditional &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('links diagnostics relative to the page when it knows where the page is, else by file URL', () => {
    expect(diagnosticsHref('/r/run 1/diagnostics/v', '/r/run 1')).toBe('diagnostics/v/');
    expect(diagnosticsHref('/r/run 1/diagnostics/v')).toBe('file:///r/run%201/diagnostics/v/');
    expect(diagnosticsHref('diagnostics/v')).toBe('diagnostics/v/');
  });

  it('summarises load reports by their slowest operation, with the baseline verdict', () => {
    const op = (p50: number, p99: number) => ({ latencyMs: { min: 0, mean: p50, p50, p90: p99, p99, p999: p99, max: p99 } });
    // Only the fields the summary reads; the rest of a load report does not matter here.
    const report = { variant: { name: 'v1', options: {} }, workload: 'update-heavy', totals: { throughput: 812.5, errorCount: 2 }, operations: { read: op(1, 9), update: op(3, 40) } } as unknown as LoadReport;
    expect(loadSummariesFrom([report], { verdicts: { 'v1/update-heavy': { verdict: 'regression', note: 'p99 +30%' } }, href: () => 'load/v1.html' })).toEqual([
      { variant: 'v1', workload: 'update-heavy', opsPerSecond: 812.5, p50Ms: 3, p99Ms: 40, errors: 2, verdict: 'regression', note: 'p99 +30%', href: 'load/v1.html' },
    ]);
  });

  it('shows each not-applicable and limitation reason once, with its reference as a link', () => {
    const run = syntheticRun();
    const reason = 'not applicable: no Streams [local-no-streams: dynalite README.md "Problems" (v4.0.0) <https://github.com/architect/dynalite/blob/v4.0.0/README.md>]';
    run.variants[0]!.suites[0]!.cases.push(c('stream a', 'not-applicable', { reason }), c('stream b', 'not-applicable', { reason }));
    const page = renderSummaryPage(run);
    expect(page).toContain('<a href="https://github.com/architect/dynalite/blob/v4.0.0/README.md">https://github.com/architect/dynalite/blob/v4.0.0/README.md</a>');
    expect(page.match(/local-no-streams/g)?.length).toBe(1);
    expect(page).toMatch(/<td>2<\/td><td>not applicable: no Streams/);
  });

  it('says loudly when the Alternator behaviour and versions were emulated, not deployed', () => {
    const run = syntheticRun();
    for (const v of run.variants) Object.assign(v, { versionsSource: 'emulated', emulatedBy: "the local target's front door" });
    const page = renderSummaryPage(run);
    expect(page).toMatch(/Emulated, not deployed: the local target&#39;s front door\./);
    expect(page).toMatch(/2026\.2\.4 <small>\(emulated\)<\/small>/);
    expect(renderSummaryPage(syntheticRun())).not.toMatch(/Emulated, not deployed/);
  });

  it('leaves the load block out when there is no load summary', () => {
    expect(renderSummaryPage(syntheticRun())).not.toContain('id="load-h"');
    expect(html).toContain('id="load-h"');
  });
});

const unavailable = browserUnavailableReason();
describe.skipIf(unavailable !== undefined)(`summary page in headless Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let browser: OpenBrowser;
  let page: Page;
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  const file = join(RUN_DIR, 'index.html');

  beforeAll(async () => {
    mkdirSync(join(RUN_DIR, 'diagnostics', 'm-forbid-nohttp-noauth-omx'), { recursive: true });
    writeFileSync(file, renderSummaryPage(syntheticRun(), { pageDir: RUN_DIR, loadSummaries: LOAD }));
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('request', (r) => r.url() !== pathToFileURL(file).href && foreignRequests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the matrix: one row per variant, one column per suite, counts in words and colours', async () => {
    const shape = await page.evaluate(() => {
      const table = document.querySelector('table.matrix')!;
      return {
        columns: Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent),
        rows: Array.from(table.querySelectorAll('tbody tr')).map((tr) => tr.querySelector('th')!.textContent),
      };
    });
    expect(shape.columns).toEqual(['Variant', 'api/items', 'auth/sigv4', 'tls/certificates']);
    expect(shape.rows).toEqual(['m-lwt-http-auth-om', 'm-forbid-nohttp-noauth-omx', 'm-unsafe-http-auth-um', 'multi-dc', 'legacy-port']);

    const cellOf = (row: number, col: number) =>
      page.evaluate(([r, k]) => {
        const td = document.querySelectorAll('table.matrix tbody tr')[r!]!.querySelectorAll('td')[k!]!;
        return { text: td.querySelector('.counts')?.textContent ?? td.textContent, cls: td.className, bg: getComputedStyle(td).backgroundColor };
      }, [row, col]);
    expect(await cellOf(1, 0)).toEqual({ text: '2 failed1 passed', cls: 'cell c-failed', bg: 'rgb(254, 226, 226)' });
    expect(await cellOf(0, 1)).toEqual({ text: '1 passed1 limitation reproduced', cls: 'cell c-passed', bg: 'rgb(220, 252, 231)' });
    expect(await cellOf(1, 1)).toMatchObject({ text: '1 not applicable', cls: 'cell c-not-applicable' });
    expect(await cellOf(2, 0)).toMatchObject({ text: '1 failed1 passed', cls: 'cell c-failed' }); // the suite file error counts as a failure
    expect(await cellOf(2, 1)).toMatchObject({ text: '1 limitation lifted', cls: 'cell c-limitation-lifted', bg: 'rgb(254, 243, 199)' });
    expect(await cellOf(2, 2)).toMatchObject({ text: 'not run' });
    expect((await cellOf(3, 0)).text).toBe('not applicable: the container target runs one datacenter');
    expect(await cellOf(4, 0)).toMatchObject({ cls: 'cell c-failed', text: 'not deployed: provisioning failed: webhook did not answer within 300 s' });
  });

  it('links every failing test and lifted limitation to its message, and every anchor resolves', async () => {
    const links = await page.evaluate(() =>
      Array.from(document.querySelectorAll('table.matrix .links a')).map((a) => {
        const target = document.getElementById(a.getAttribute('href')!.slice(1));
        return { text: a.textContent, message: target?.querySelector('.message')?.textContent ?? null };
      }),
    );
    expect(links).toEqual([
      { text: 'conditional <script>alert(1)</script>', message: 'expected ValidationException, got 200' },
      { text: 'update SET a = a + :x', message: 'expected "forbid_rmw" rejection' },
      { text: 'suite file error', message: 'TypeError: cannot read properties of undefined' },
      { text: 'stale date is accepted', message: 'docs/alternator/compatibility.md#authentication' },
    ]);
    const dangling = await page.evaluate(() =>
      Array.from(document.querySelectorAll('a[href^="#"]')).map((a) => a.getAttribute('href')!).filter((h) => !document.getElementById(h.slice(1))),
    );
    expect(dangling).toEqual([]);
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);

    await page.getByRole('link', { name: 'update SET a = a + :x' }).click();
    expect(await page.evaluate(() => document.querySelector(':target')?.querySelector('h4')?.textContent)).toBe('api/items › update SET a = a + :x');
  });

  it('shows versions, provisioning failures, diagnostics and the load block', async () => {
    const diag = await page.getByRole('link', { name: 'Diagnostics of m-forbid-nohttp-noauth-omx' }).getAttribute('href');
    expect(diag).toBe('diagnostics/m-forbid-nohttp-noauth-omx/');
    const provisioning = await page.locator('#provisioning-h + table tbody tr').allTextContents();
    expect(provisioning).toEqual([
      'multi-dcnot-applicablenot applicable: the container target runs one datacenter',
      'legacy-portfailedapply ScyllaClusterwebhook did not answer within 300 s',
    ]);
    const versions = await page.locator('#variant-legacy-port td').allTextContents();
    expect(versions.slice(0, 3)).toEqual(['kind', 'v1.21.1', '2026.2.4']);
    const load = await page.locator('#load-h ~ .scroll tbody tr').allTextContents();
    expect(load).toEqual(['m-lwt-http-auth-omread-mostly42101.914.20ok', 'm-lwt-http-auth-omupdate-heavy12004.180.53regression: p99 +42% over baseline']);
    expect(await page.locator('.banner').textContent()).toBe('4 failed test(s), 1 provisioning failure(s).');
  });

  it('loads nothing else and logs no error; a screenshot is kept', async () => {
    await page.screenshot({ path: join(ARTIFACTS, 'summary-page.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
