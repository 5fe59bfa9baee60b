import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { renderSummaryPage, diagnosticsHref, loadSummariesFrom, type LoadSummary } from '../../harness/report/summary-page.ts';
import type { LoadReport } from '../../harness/load/report-schema.ts';
import type { CaseResult, RunResult, VariantResult } from '../../harness/report/results.ts';
import { projectRoot } from '../../harness/util/paths.ts';
import { browserUnavailableReason, checkPage, launchBrowser, type OpenBrowser } from '../../harness/report/browser.ts';
import { compareWithHistory, toHistoryRun } from '../../harness/report/compare.ts';

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

  it('is self-contained: one small inline script, allowed by its hash and nothing else; nothing loaded from elsewhere', () => {
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect(html.match(/<script/gi)).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]!).digest('base64');
    // Links to references (<a href="https://...">) navigate; nothing is loaded: no src, no stylesheet link.
    expect(html).not.toMatch(/src="(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${hash}'"`);
    expect(html).toContain('conditional &lt;script&gt;alert(1)&lt;/script&gt;');
    // Without the script the filter is not shown (no dead control).
    expect(html).toMatch(/<form class="filter" id="filter" hidden/);
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
    expect(page).toMatch(/<td>2<\/td><td>m-lwt-http-auth-om<\/td><td>not applicable: no Streams/);
  });

  it('says loudly when the Alternator behaviour and versions were emulated, not deployed', () => {
    const run = syntheticRun();
    for (const v of run.variants) Object.assign(v, { versionsSource: 'emulated', emulatedBy: "the local target's front door" });
    const page = renderSummaryPage(run);
    expect(page).toMatch(/Emulated, not deployed: the local target&#39;s front door\./);
    expect(page).toMatch(/2026\.2\.4 <small>\(emulated\)<\/small>/);
    expect(renderSummaryPage(syntheticRun())).not.toMatch(/Emulated, not deployed/);
  });

  it('links the isolation histories and their checker verdicts where the suite wrote them, relative to the page', () => {
    const run = syntheticRun();
    const history = join(RUN_DIR, 'artifacts', 'm-lwt-http-auth-om', 'isolation', 'cas-always_use_lwt-variant.history.jsonl');
    run.variants[0]!.suites[0]!.cases.push(c('always_use_lwt: concurrent compare-and-set loses no update', 'passed', { notes: [{ type: 'observed', message: `always_use_lwt (variant): cas ok 40/fail 60/unknown 0; history: ${history}` }] }));
    const page = renderSummaryPage(run, { pageDir: RUN_DIR });
    expect(page).toContain('<summary>1 history file(s)</summary>');
    expect(page).toContain('<a href="artifacts/m-lwt-http-auth-om/isolation/cas-always_use_lwt-variant.history.jsonl">history</a>');
    expect(page).toContain('<a href="artifacts/m-lwt-http-auth-om/isolation/cas-always_use_lwt-variant.report.txt">checker verdict</a>');
    expect(renderSummaryPage(syntheticRun())).not.toContain('id="isolation-h"');
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

  it('shows the matrix: one row per variant, one column per suite family, counts in words and colours', async () => {
    const shape = await page.evaluate(() => {
      const table = document.querySelector('table.matrix')!;
      return {
        columns: Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent),
        rows: Array.from(table.querySelectorAll('tbody tr')).map((tr) => tr.querySelector('th')!.textContent),
      };
    });
    expect(shape.columns).toEqual(['Variant', 'api', 'auth', 'tls']);
    expect(shape.rows).toEqual(['m-lwt-http-auth-om', 'm-forbid-nohttp-noauth-omx', 'm-unsafe-http-auth-um', 'multi-dc', 'legacy-port']);

    const cellOf = (row: number, col: number) =>
      page.evaluate(([r, k]) => {
        const td = document.querySelectorAll('table.matrix tbody tr')[r!]!.querySelectorAll('td')[k!]!;
        return { text: td.textContent, cls: td.className, bg: getComputedStyle(td).backgroundColor };
      }, [row, col]);
    expect(await cellOf(1, 0)).toEqual({ text: '2 failed 1 passed', cls: 'cell c-failed', bg: 'rgb(254, 226, 226)' });
    expect(await cellOf(0, 1)).toEqual({ text: '1 passed 1 limitation', cls: 'cell c-passed', bg: 'rgb(220, 252, 231)' });
    expect(await cellOf(1, 1)).toMatchObject({ text: '1 n/a', cls: 'cell c-not-applicable' });
    expect(await cellOf(2, 0)).toMatchObject({ text: '1 failed 1 passed', cls: 'cell c-failed' }); // the suite file error counts as a failure
    expect(await cellOf(2, 1)).toMatchObject({ text: '1 lifted', cls: 'cell c-limitation-lifted', bg: 'rgb(254, 243, 199)' });
    expect(await cellOf(2, 2)).toMatchObject({ text: 'not run' });
    expect((await cellOf(3, 0)).text).toBe('not applicable: not applicable: the container target runs one datacenter'.replace('not applicable: not applicable', 'not applicable'));
    expect(await cellOf(4, 0)).toMatchObject({ cls: 'cell c-failed', text: 'not deployed: provisioning failed: webhook did not answer within 300 s' });
  });

  it('leads with the failures grouped by cause; a matrix cell opens its files and cases; every anchor resolves', async () => {
    const groups = await page.evaluate(() => Array.from(document.querySelectorAll('.groups details.group > summary')).map((s) => s.textContent));
    expect(groups).toEqual([
      '1 case × 1 variant expected "forbid_rmw" rejection api/items m-forbid-nohttp-noauth-omx',
      '1 case × 1 variant expected ValidationException, got 200 api/items m-forbid-nohttp-noauth-omx',
      '1 case × 1 variant TypeError: cannot read properties of undefined api/items m-unsafe-http-auth-um',
      // A limitation found lifted fails under --fail-on-lifted: its reason is the message.
      '1 case × 1 variant docs/alternator/compatibility.md#authentication auth/sigv4 m-unsafe-http-auth-um',
    ]);
    const dangling = await page.evaluate(() =>
      Array.from(document.querySelectorAll('a[href^="#"]')).map((a) => a.getAttribute('href')!).filter((h) => !document.getElementById(h.slice(1))),
    );
    expect(dangling).toEqual([]);
    await page.locator('table.matrix tbody tr').nth(1).locator('td').first().getByRole('link').click();
    const opened = await page.evaluate(() => {
      const d = document.querySelector(':target') as HTMLDetailsElement | null;
      return { id: d?.id, open: d?.open, files: Array.from(d?.querySelectorAll('details.file > summary') ?? []).map((s) => s.textContent), cases: Array.from(d?.querySelectorAll('li.case') ?? []).map((li) => li.textContent) };
    });
    expect(opened).toEqual({
      id: 'cases-m-forbid-nohttp-noauth-omx-api',
      open: true,
      files: ['api/items 2 failed 1 passed'],
      cases: ['passed put > get', 'failed conditional <script>alert(1)</script>', 'failed update SET a = a + :x'],
    });
    // A failed case in a file's list links to its entry in its group, which opens on the way.
    await page.locator('#cases-m-forbid-nohttp-noauth-omx-api details.file > summary').click();
    await page.getByRole('link', { name: 'update SET a = a + :x' }).click();
    expect(await page.evaluate(() => ({ h: document.querySelector(':target h4')?.textContent, open: (document.querySelector(':target')!.closest('details.group') as HTMLDetailsElement).open }))).toEqual({
      h: 'm-forbid-nohttp-noauth-omx update SET a = a + :x',
      open: true,
    });
  });

  it('filters the cases by outcome and text (the script shows the form)', async () => {
    const form = page.locator('#filter');
    expect(await form.isVisible()).toBe(true);
    await form.locator('select').selectOption('failed');
    const shown = () =>
      page.evaluate(() => ({
        cases: Array.from(document.querySelectorAll('li.case')).filter((li) => !(li as HTMLElement).hidden && !li.closest('[hidden]')).map((li) => `${li.closest('details.file')!.getAttribute('data-k')}: ${li.textContent}`),
        output: document.querySelector('#filter output')!.textContent,
      }));
    expect(await shown()).toEqual({
      cases: [
        'm-forbid-nohttp-noauth-omx api/items: failed conditional <script>alert(1)</script>',
        'm-forbid-nohttp-noauth-omx api/items: failed update SET a = a + :x',
        'm-unsafe-http-auth-um api/items: failed (suite file)',
      ],
      output: '3 case(s) match',
    });
    await form.locator('input').fill('SET a');
    expect((await shown()).cases).toEqual(['m-forbid-nohttp-noauth-omx api/items: failed update SET a = a + :x']);
    await form.locator('select').selectOption('');
    await form.locator('input').fill('sigv4');
    expect((await shown()).cases).toEqual([
      'm-lwt-http-auth-om auth/sigv4: limitation stale date is accepted',
      'm-lwt-http-auth-om auth/sigv4: passed no auth header',
      'm-forbid-nohttp-noauth-omx auth/sigv4: n/a wrong secret',
      'm-unsafe-http-auth-um auth/sigv4: lifted stale date is accepted',
    ]);
    await form.locator('input').fill('');
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
    expect(await page.locator('#counts').textContent()).toBe('12 test case(s): 8 passed, 3 failed, 1 skipped (1 not applicable); besides the cases: 1 suite file error(s)');
  });

  it('loads nothing else and logs no error; a screenshot is kept', async () => {
    await page.screenshot({ path: join(ARTIFACTS, 'summary-page.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});

/** The synthetic run with one case's outcome set (status follows the outcome as in `c`). */
function withOutcome(run: RunResult, variantName: string, suiteId: string, name: string, outcome: CaseResult['outcome']): RunResult {
  const r = structuredClone(run);
  const s = r.variants.find((v) => v.name === variantName)!.suites.find((x) => x.suite === suiteId)!;
  const i = s.cases.findIndex((x) => x.name === name);
  s.cases[i] = c(name, outcome, outcome === 'failed' ? { failure: { message: 'earlier failure' } } : {});
  return r;
}

/** Three earlier nights, then the synthetic run: every history list has something in it. */
function runWithHistory(): RunResult {
  const now = syntheticRun();
  const earlier = (day: number, edit: (r: RunResult) => RunResult): RunResult => {
    const r = edit(structuredClone(now));
    r.runId = `202512${day}T020000Z-000${day - 27}`;
    r.startedAt = `2025-12-${day}T02:00:00.000Z`;
    // Before today, legacy-port deployed and its suite ran (and failed); the sigv4 limitation was reproduced.
    r.variants[4] = { ...r.variants[4]!, provisioning: undefined, suites: [suite('legacy-port', 'api/items', [c('put > get', 'failed', { failure: { message: 'HTTP 500' } })])] } as VariantResult;
    delete r.variants[4]!.provisioning;
    for (const s of r.variants[0]!.suites) s.durationMs = 80 + day;
    const edits: Array<[string, string, string, CaseResult['outcome']]> = [
      ['m-unsafe-http-auth-um', 'auth/sigv4', 'stale date is accepted', 'limitation-reproduced'],
      ['m-forbid-nohttp-noauth-omx', 'api/items', 'conditional <script>alert(1)</script>', 'passed'],
      ['m-forbid-nohttp-noauth-omx', 'auth/sigv4', 'wrong secret', 'passed'],
    ];
    return edits.reduce((acc, [v, s, n, o]) => withOutcome(acc, v, s, n, o), r);
  };
  const flip = (o: CaseResult['outcome']) => (r: RunResult) => withOutcome(withOutcome(r, 'm-forbid-nohttp-noauth-omx', 'tls/certificates', 'additional names', o), 'm-lwt-http-auth-om', 'api/items', 'batch', 'failed');
  const history = [earlier(29, flip('failed')), earlier(30, flip('passed')), earlier(31, flip('failed'))].map((r) => toHistoryRun(r, `/ci/artifacts/${r.runId}`));
  return {
    ...now,
    history: compareWithHistory(now, history, { skipped: [{ source: '/ci/artifacts/old-smoke', runId: '20251201T020000Z-0000', reason: "profile smoke, this run's is nightly" }] }),
  };
}

describe('history section (as text)', () => {
  it('links an escaped error named in the history to its entry on the page', () => {
    const now: RunResult = { ...syntheticRun(), escapedErrors: [{ file: 'api/items.test.ts', message: 'Unhandled Rejection: socket hang up' }] };
    const before = toHistoryRun({ ...syntheticRun(), runId: 'earlier', startedAt: '2025-12-31T02:00:00.000Z' });
    const html = renderSummaryPage({ ...now, history: compareWithHistory(now, [before]) });
    expect(html).toContain('<a href="#escaped-1">run escaped-errors › api/items.test.ts</a>');
    expect(html).toContain('<article id="escaped-1"');
  });
});

describe.skipIf(unavailable !== undefined)(`history section in headless Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  it('opens the page with new failures first, then still failing, fixed, flaky, changed; a trend of four charts; nothing loaded, no error; screenshot kept', async () => {
    const dir = join(ARTIFACTS, 'summary-page-history-run');
    mkdirSync(join(dir, 'diagnostics', 'm-forbid-nohttp-noauth-omx'), { recursive: true });
    const file = join(dir, 'index.html');
    const run = runWithHistory();
    writeFileSync(file, renderSummaryPage(run, { pageDir: dir }));
    const browser = await launchBrowser();
    try {
      let seen: Record<string, unknown> = {};
      const check = await checkPage(browser, file, {
        screenshot: join(ARTIFACTS, 'summary-page-history.png'),
        inspect: async (page) => {
          seen = await page.evaluate(() => {
            const top = (sel: string) => document.querySelector(sel)!.getBoundingClientRect().top;
            const lists = Array.from(document.querySelectorAll('.history .h-list'));
            return {
              // The failures by cause lead, then the overview, then what changed since earlier runs.
              order: top('#groups-h') < top('#matrix-h') && top('#matrix-h') < top('#history-h') && top('#history-h') < top('#h-newFailures'),
              lists: lists.map((l) => l.querySelector('h3')!.textContent),
              items: Object.fromEntries(lists.map((l) => [l.querySelector('h3')!.id, Array.from(l.querySelectorAll('li')).map((li) => li.textContent)])),
              charts: Array.from(document.querySelectorAll('.trend svg.chart')).map((svg) => ({ title: svg.querySelector('title')!.textContent, points: svg.querySelectorAll('circle').length, top: Math.round(svg.getBoundingClientRect().top) })),
              pointTitle: document.querySelector('.trend svg.chart circle title')!.textContent,
              table: Array.from(document.querySelectorAll('.trend-table tbody tr')).map((tr) => tr.textContent),
              skipped: document.querySelector('.h-skipped li')!.textContent,
              dangling: Array.from(document.querySelectorAll('.history a[href^="#"]')).map((a) => a.getAttribute('href')!).filter((h) => !document.getElementById(h.slice(1))),
            };
          });
          await page.getByRole('link', { name: 'm-forbid-nohttp-noauth-omx api/items › conditional <script>alert(1)</script>' }).click();
          seen.clicked = await page.evaluate(() => document.querySelector(':target h4')?.textContent);
        },
      });
      expect(check.errors).toEqual([]);
      expect(check.externalRequests).toEqual([]);
      expect(seen.order).toBe(true);
      expect(seen.lists).toEqual(['New failures (3)', 'Still failing (2)', 'Fixed (1)', 'Flaky (1)', 'Changed outcome (1)', 'Failing before, not run this time (1)']);
      const items = seen.items as Record<string, string[]>;
      expect(items['h-newFailures']).toEqual([
        'm-forbid-nohttp-noauth-omx api/items › conditional <script>alert(1)</script> (was passed in run 20251231T020000Z-0004)expected ValidationException, got 200',
        'm-unsafe-http-auth-um auth/sigv4 › stale date is accepted (was limitation-reproduced in run 20251231T020000Z-0004, limitation-lifted now)',
        'legacy-port lifecycle › deploy (was deployed in run 20251231T020000Z-0004)',
      ]);
      expect(items['h-stillFailing']).toEqual([
        'm-forbid-nohttp-noauth-omx api/items › update SET a = a + :x (since run 20251229T020000Z-0002 (2025-12-29 02:00 UTC))',
        'm-unsafe-http-auth-um api/items › (suite file) (since run 20251229T020000Z-0002 (2025-12-29 02:00 UTC))',
      ]);
      expect(items['h-fixed']).toEqual(['m-lwt-http-auth-om api/items › batch (was failed in run 20251231T020000Z-0004, passed now)']);
      expect(items['h-flaky']).toEqual(['m-forbid-nohttp-noauth-omx tls/certificates › additional names (passed now; last 4 runs that had it: failed → passed → failed → passed)']);
      expect(items['h-changed']).toEqual(['m-forbid-nohttp-noauth-omx auth/sigv4 › wrong secret (passed in run 20251231T020000Z-0004 → not-applicable now)']);
      expect(items['h-notRun']).toEqual(['legacy-port api/items › put > get (failed in run 20251231T020000Z-0004, not in this run)']);
      expect(seen.dangling).toEqual([]);
      expect(seen.clicked).toBe('m-forbid-nohttp-noauth-omx conditional <script>alert(1)</script>');
      // One row of four small charts on a 1280 px wide page.
      const charts = seen.charts as Array<{ title: string; points: number; top: number }>;
      expect(charts.map(({ title, points }) => ({ title, points }))).toEqual(['Passed', 'Failed', 'Skipped', 'Suite time'].map((title) => ({ title, points: 4 })));
      expect(new Set(charts.map((x) => x.top)).size).toBe(1);
      expect(seen.pointTitle).toBe('run 20251229T020000Z-0002 (2025-12-29 02:00 UTC): 9 tests');
      expect(seen.table).toHaveLength(4);
      expect((seen.table as string[])[0]).toBe('20260101T020000Z-beef (this run)2026-01-01 02:00 UTC84110.8');
      expect(seen.skipped).toBe("/ci/artifacts/old-smoke (run 20251201T020000Z-0000): profile smoke, this run's is nightly");
    } finally {
      await browser.close();
    }
  }, 60_000);
});
