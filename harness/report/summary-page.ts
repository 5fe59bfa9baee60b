// reports/<run>/index.html: one self-contained page per run (inline CSS, no script, no network: a CSP forbids
// loading anything) that a person opens from a CI artifact. The matrix shows, per variant and suite, how many
// tests passed, failed, were not applicable, reproduced a documented limitation or found it lifted; every failing
// test links to its message below, every variant to its diagnostics.
import { isAbsolute, relative, sep } from 'node:path';
import { totals, type CaseOutcome, type CaseResult, type RunResult, type SuiteResult, type VariantResult } from './results.ts';
import type { LoadReport } from '../load/report-schema.ts';
import { esc, linkified } from './format.ts';
import { BANNER_CSS, deploymentBanners, versionCells, versionKeys } from './deployment-html.ts';
import { historySection, HISTORY_CSS } from './history-html.ts';
import { caseKey, DEPLOY_CASE, ESCAPED_SUITE, ESCAPED_VARIANT, LIFECYCLE_SUITE, SUITE_FILE_CASE } from './compare.ts';

/** One line of the optional load block (the load phase's own page has the details). */
export interface LoadSummary {
  variant: string;
  workload: string;
  opsPerSecond?: number;
  /** Latencies of the slowest operation (the one with the highest p99). */
  p50Ms?: number;
  p99Ms?: number;
  errors?: number;
  /** Against the baseline, when one was given. */
  verdict?: 'ok' | 'regression' | 'improvement' | 'no-baseline';
  note?: string;
  /** The detailed load page, relative to this page. */
  href?: string;
}

/**
 * One line per load report; latencies are those of the report's slowest operation (its highest p99), so a
 * regression in any operation shows. `verdicts` (by "variant/workload") come from the baseline comparison.
 */
export function loadSummariesFrom(
  reports: readonly LoadReport[],
  o: { verdicts?: Record<string, Pick<LoadSummary, 'verdict' | 'note'>>; href?: (r: LoadReport) => string } = {},
): LoadSummary[] {
  return reports.map((r) => {
    const slowest = Object.values(r.operations).reduce<LoadReport['operations'][string] | undefined>(
      (worst, op) => (!worst || op.latencyMs.p99 > worst.latencyMs.p99 ? op : worst),
      undefined,
    );
    return {
      variant: r.variant.name,
      workload: r.workload,
      opsPerSecond: r.totals.throughput,
      ...(slowest ? { p50Ms: slowest.latencyMs.p50, p99Ms: slowest.latencyMs.p99 } : {}),
      errors: r.totals.errorCount,
      ...(o.verdicts?.[`${r.variant.name}/${r.workload}`] ?? {}),
      ...(o.href ? { href: o.href(r) } : {}),
    };
  });
}

export interface SummaryPageExtras {
  loadSummaries?: LoadSummary[];
  /** Directory the page is written to: diagnostics links become relative, so the report directory stays movable. */
  pageDir?: string;
}

type Category = 'passed' | 'failed' | 'not-applicable' | 'limitation-reproduced' | 'limitation-emulated' | 'limitation-lifted' | 'documentation-differs' | 'known-limitation' | 'skipped';
/** Display order and wording; colour is never the only signal (every count has its words). */
const CATEGORIES: ReadonlyArray<{ key: Category; label: string }> = [
  { key: 'failed', label: 'failed' },
  { key: 'limitation-lifted', label: 'limitation lifted' },
  { key: 'documentation-differs', label: 'documentation differs' },
  { key: 'passed', label: 'passed' },
  { key: 'limitation-reproduced', label: 'limitation reproduced' },
  { key: 'limitation-emulated', label: 'limitation emulated (not measured on ScyllaDB)' },
  { key: 'not-applicable', label: 'not applicable' },
  { key: 'known-limitation', label: 'known limitation (not run)' },
  { key: 'skipped', label: 'skipped' },
];

/** Which outcome colours a matrix cell: the most important one present. */
const CELL_PRECEDENCE: readonly Category[] = ['failed', 'limitation-lifted', 'documentation-differs', 'passed', 'limitation-reproduced', 'limitation-emulated', 'not-applicable', 'known-limitation', 'skipped'];

function categoryOf(c: CaseResult): Category {
  if (c.outcome === 'failed' || (c.status === 'failed' && c.outcome !== 'limitation-lifted')) return 'failed';
  return c.outcome as Exclude<CaseOutcome, 'failed'>;
}

const needsAttention = (c: CaseResult) => c.status === 'failed' || c.outcome === 'failed' || c.outcome === 'limitation-lifted' || c.outcome === 'documentation-differs';

export function renderSummaryPage(run: RunResult, extras: SummaryPageExtras = {}): string {
  const ids = new IdMaker();
  const suites = [...new Set(run.variants.flatMap((v) => v.suites.map((s) => s.suite)))].sort();
  // Anchors first, so the matrix can link to entries rendered further down.
  const variantIds = new Map(run.variants.map((v) => [v.name, ids.make(`variant-${v.name}`)]));
  const failureIds = new Map<CaseResult | SuiteResult, string>();
  for (const v of run.variants)
    for (const s of v.suites) {
      if (s.error) failureIds.set(s, ids.make(`fail-${v.name}-${s.suite}-suite`));
      for (const c of s.cases) if (needsAttention(c)) failureIds.set(c, ids.make(`fail-${v.name}-${s.suite}-${c.name}`));
    }
  const t = totals(run);
  const title = `alternator-e2e: ${run.profile} on ${run.target}, run ${run.runId}`;
  const body = [
    header(run, t),
    run.history ? historySection(run.history, historyAnchors(run, variantIds, failureIds)) : '',
    legend(),
    matrix(run, suites, variantIds, failureIds),
    attention(run, variantIds, failureIds, extras),
    escapedErrors(run),
    provisioning(run, variantIds),
    reasons(run),
    slowest(run),
    variantsTable(run, variantIds, extras),
    extras.loadSummaries?.length ? loadBlock(extras.loadSummaries) : '',
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${CSS}${HISTORY_CSS}</style>
</head>
<body>
<main>
<h1>${esc(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

/** Where a case named in the history lists is explained on this page: its failure entry, or its variant's row. */
function historyAnchors(run: RunResult, variantIds: Map<string, string>, failureIds: Map<CaseResult | SuiteResult, string>) {
  const ids = new Map<string, string>();
  for (const v of run.variants) {
    ids.set(caseKey({ variant: v.name, suite: LIFECYCLE_SUITE, name: DEPLOY_CASE }), variantIds.get(v.name)!);
    for (const s of v.suites) {
      const fileId = failureIds.get(s);
      if (fileId) ids.set(caseKey({ variant: v.name, suite: s.suite, name: SUITE_FILE_CASE }), fileId);
      for (const c of s.cases) {
        const id = failureIds.get(c);
        if (id) ids.set(caseKey({ variant: v.name, suite: s.suite, name: c.name }), id);
      }
    }
  }
  (run.escapedErrors ?? []).forEach((e, i) => {
    const key = caseKey({ variant: ESCAPED_VARIANT, suite: ESCAPED_SUITE, name: e.file ?? 'unknown suite file' });
    if (!ids.has(key)) ids.set(key, `escaped-${i + 1}`);
  });
  return (c: { variant: string; suite: string; name: string }) => ids.get(caseKey(c));
}

function header(run: RunResult, t: ReturnType<typeof totals>): string {
  const rows: Array<[string, string]> = [
    ['Profile', run.profile],
    ['Target', run.target],
    ['Started', run.startedAt],
    ['Finished', run.finishedAt ?? 'not finished'],
    ...(run.shard ? ([['Shard', `${run.shard.index}/${run.shard.count}`]] as Array<[string, string]>) : []),
    ['Variants', String(run.variants.length)],
    ['Tests', `${t.tests}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`],
    ['Provisioning failures', String(t.provisioningFailures)],
  ];
  const verdict = run.interrupted
    ? `<p class="banner banner-warn" role="status">This run was interrupted${run.interruption ? ` by ${esc(run.interruption.signal)} during ${esc(run.interruption.phase)}` : ''}: the results are partial.</p>`
    : t.failed > 0 || t.provisioningFailures > 0
      ? `<p class="banner banner-fail" role="status">${t.failed} failed test(s), ${t.provisioningFailures} provisioning failure(s).</p>`
      : '<p class="banner banner-ok" role="status">No failures.</p>';
  return `${verdict}\n${deploymentBanners(run.variants)}<dl class="meta">${rows.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>`;
}

function legend(): string {
  const items = CATEGORIES.filter((c) => c.key !== 'known-limitation' && c.key !== 'skipped')
    .map((c) => `<li><span class="swatch c-${c.key}" aria-hidden="true"></span>${esc(c.label)}</li>`)
    .join('');
  return `<ul class="legend" aria-label="Legend">${items}</ul>`;
}

function matrix(run: RunResult, suites: string[], variantIds: Map<string, string>, failureIds: Map<CaseResult | SuiteResult, string>): string {
  const head = `<tr><th scope="col">Variant</th>${suites.map((s) => `<th scope="col">${esc(s)}</th>`).join('')}</tr>`;
  const rows = run.variants.map((v) => {
    const name = `<th scope="row"><a href="#${variantIds.get(v.name)}">${esc(v.name)}</a></th>`;
    if (v.provisioning) {
      const state = v.provisioning.status === 'failed' ? 'failed' : 'not-applicable';
      const what = v.provisioning.status === 'failed' ? 'not deployed: provisioning failed' : v.provisioning.status === 'not-applicable' ? 'not applicable' : 'interrupted';
      // The runner's messages often start with the status already ("not applicable: ...").
      const message = v.provisioning.message.replace(new RegExp(`^${what}:\\s*`, 'i'), '');
      return `<tr>${name}<td class="cell c-${state}" colspan="${Math.max(1, suites.length)}"><a href="#${variantIds.get(v.name)}">${esc(what)}</a>: ${esc(message)}</td></tr>`;
    }
    const cells = suites.map((id) => {
      const s = v.suites.find((x) => x.suite === id);
      if (!s) return '<td class="cell c-none">not run</td>';
      return cell(v, s, failureIds);
    });
    return `<tr>${name}${cells.join('')}</tr>`;
  });
  return `<section aria-labelledby="matrix-h"><h2 id="matrix-h">Matrix</h2>
<div class="scroll"><table class="matrix"><caption>Test outcomes per variant (rows) and suite (columns)</caption>
<thead>${head}</thead><tbody>${rows.join('\n')}</tbody></table></div></section>`;
}

function cell(v: VariantResult, s: SuiteResult, failureIds: Map<CaseResult | SuiteResult, string>): string {
  const counts = new Map<Category, number>();
  for (const c of s.cases) counts.set(categoryOf(c), (counts.get(categoryOf(c)) ?? 0) + 1);
  if (s.error) counts.set('failed', (counts.get('failed') ?? 0) + 1);
  const state = CELL_PRECEDENCE.find((k) => counts.get(k)) ?? 'none';
  const lines = CATEGORIES.filter((c) => counts.get(c.key)).map((c) => `<li class="n-${c.key}">${counts.get(c.key)} ${esc(c.label)}</li>`);
  const links = [
    ...(s.error ? [`<li><a href="#${failureIds.get(s)}">suite file error</a></li>`] : []),
    ...s.cases.filter(needsAttention).map((c) => `<li><a href="#${failureIds.get(c)}" title="${esc(`${v.name} / ${s.suite} / ${c.name}`)}">${esc(c.name)}</a></li>`),
  ];
  return `<td class="cell c-${state}"><ul class="counts">${lines.join('') || '<li>no tests</li>'}</ul>${links.length ? `<ul class="links">${links.join('')}</ul>` : ''}</td>`;
}

function attention(run: RunResult, variantIds: Map<string, string>, failureIds: Map<CaseResult | SuiteResult, string>, extras: SummaryPageExtras): string {
  const blocks = run.variants.flatMap((v) => {
    const items = v.suites.flatMap((s) => [
      ...(s.error ? [entry(failureIds.get(s)!, `${s.suite}: the suite file failed`, s.error)] : []),
      ...s.cases.filter(needsAttention).map((c) =>
        entry(
          failureIds.get(c)!,
          `${s.suite} › ${c.name}${c.outcome === 'limitation-lifted' ? ' (limitation lifted)' : c.outcome === 'documentation-differs' ? ' (documentation differs)' : ''}`,
          c.failure?.message ?? c.reason ?? 'no message recorded',
          c.failure?.details,
        ),
      ),
    ]);
    if (items.length === 0) return [];
    const diag = v.diagnosticsDir ? `<p><a href="${esc(diagnosticsHref(v.diagnosticsDir, extras.pageDir))}">Diagnostics of ${esc(v.name)}</a></p>` : '';
    return [`<section class="variant-failures"><h3><a href="#${variantIds.get(v.name)}">${esc(v.name)}</a></h3>${diag}${items.join('\n')}</section>`];
  });
  return `<section aria-labelledby="attention-h"><h2 id="attention-h">Failures, lifted limitations and documentation differences</h2>${blocks.join('\n') || '<p>None.</p>'}</section>`;
}

function entry(id: string, heading: string, message: string, details?: string): string {
  return `<article id="${id}" class="failure"><h4>${esc(heading)}</h4><pre class="message">${esc(message)}</pre>${
    details ? `<details><summary>Details</summary><pre>${esc(details)}</pre></details>` : ''
  }</article>`;
}

function provisioning(run: RunResult, variantIds: Map<string, string>): string {
  const rows = run.variants
    .filter((v) => v.provisioning)
    .map((v) => `<tr><th scope="row"><a href="#${variantIds.get(v.name)}">${esc(v.name)}</a></th><td>${esc(v.provisioning!.status)}</td><td>${esc(v.provisioning!.step ?? '')}</td><td><pre class="message">${esc(v.provisioning!.message)}</pre></td></tr>`);
  const body = rows.length
    ? `<table><caption>Variants that were not deployed</caption><thead><tr><th scope="col">Variant</th><th scope="col">Status</th><th scope="col">Step</th><th scope="col">Message</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : '<p>Every variant was deployed.</p>';
  return `<section aria-labelledby="provisioning-h"><h2 id="provisioning-h">Provisioning</h2>${body}</section>`;
}

function variantsTable(run: RunResult, variantIds: Map<string, string>, extras: SummaryPageExtras): string {
  const keys = versionKeys(run.variants);
  const rows = run.variants.map((v) => {
    const status = v.provisioning ? v.provisioning.status : 'deployed';
    const diag = v.diagnosticsDir ? `<a href="${esc(diagnosticsHref(v.diagnosticsDir, extras.pageDir))}">diagnostics</a>` : '';
    return `<tr id="${variantIds.get(v.name)}"><th scope="row">${esc(v.name)}</th><td>${esc(v.target)}</td>${versionCells(v, keys)}<td><code>${esc(JSON.stringify(v.options))}</code></td><td>${esc(status)}</td><td>${diag}</td></tr>`;
  });
  return `<section aria-labelledby="variants-h"><h2 id="variants-h">Variants and versions</h2><div class="scroll"><table><caption>What each variant deployed</caption>
<thead><tr><th scope="col">Variant</th><th scope="col">Target</th>${keys.map((k) => `<th scope="col">${esc(k)}</th>`).join('')}<th scope="col">Options</th><th scope="col">Status</th><th scope="col">Diagnostics</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div></section>`;
}

function escapedErrors(run: RunResult): string {
  const errors = run.escapedErrors ?? [];
  if (errors.length === 0) return '';
  const items = errors.map((e, i) => entry(`escaped-${i + 1}`, `${e.file ?? 'unknown suite file'}${e.test ? ` (last test: ${e.test})` : ''}`, e.message, e.details));
  return `<section aria-labelledby="escaped-h"><h2 id="escaped-h">Errors that escaped every test (they fail the run)</h2>${items.join('\n')}</section>`;
}

/** Why tests did not run as plain passes: each distinct reason once, with its count and its references as links. */
function reasons(run: RunResult): string {
  const byReason = new Map<string, { outcome: CaseOutcome; count: number }>();
  for (const v of run.variants)
    for (const s of v.suites)
      for (const c of s.cases) {
        if (!c.reason || c.outcome === 'passed' || c.outcome === 'failed') continue;
        const r = byReason.get(c.reason) ?? { outcome: c.outcome, count: 0 };
        r.count++;
        byReason.set(c.reason, r);
      }
  if (byReason.size === 0) return '';
  const label = new Map(CATEGORIES.map((c) => [c.key as string, c.label]));
  const rows = [...byReason]
    .sort((a, b) => a[1].outcome.localeCompare(b[1].outcome) || b[1].count - a[1].count)
    .map(([reason, r]) => `<tr><td class="c-${r.outcome}">${esc(label.get(r.outcome) ?? r.outcome)}</td><td>${r.count}</td><td>${linkified(reason)}</td></tr>`);
  return `<section aria-labelledby="reasons-h"><h2 id="reasons-h">Not applicable and limitations: why, with references</h2><div class="scroll"><table><caption>Each distinct reason once, with the number of test cases it covers</caption>
<thead><tr><th scope="col">Outcome</th><th scope="col">Cases</th><th scope="col">Reason and reference</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></div></section>`;
}

const SLOWEST = 10;

/** Where the suites' time went: the slowest suite files and cases across variants. */
function slowest(run: RunResult): string {
  const suites = run.variants.flatMap((v) => v.suites.map((s) => ({ what: `${v.name} ${s.suite}`, ms: s.durationMs })));
  const cases = run.variants.flatMap((v) => v.suites.flatMap((s) => s.cases.map((c) => ({ what: `${v.name} ${s.suite} › ${c.name}`, ms: c.durationMs }))));
  if (suites.length === 0) return '';
  const table = (caption: string, rows: Array<{ what: string; ms: number }>) =>
    `<table><caption>${esc(caption)}</caption><thead><tr><th scope="col">Seconds</th><th scope="col">What</th></tr></thead><tbody>${rows
      .sort((a, b) => b.ms - a.ms)
      .slice(0, SLOWEST)
      .map((r) => `<tr><td>${(r.ms / 1000).toFixed(2)}</td><td>${esc(r.what)}</td></tr>`)
      .join('')}</tbody></table>`;
  return `<section aria-labelledby="slowest-h"><h2 id="slowest-h">Where the time went</h2><div class="scroll">${table(`The ${SLOWEST} slowest suite files`, suites)}${table(`The ${SLOWEST} slowest test cases`, cases)}</div></section>`;
}

function loadBlock(rows: LoadSummary[]): string {
  const num = (n: number | undefined, digits = 1) => (n === undefined ? '' : n.toFixed(digits));
  const body = rows.map(
    (r) =>
      `<tr><th scope="row">${esc(r.variant)}</th><td>${r.href ? `<a href="${esc(r.href)}">${esc(r.workload)}</a>` : esc(r.workload)}</td><td>${num(r.opsPerSecond, 0)}</td><td>${num(r.p50Ms)}</td><td>${num(r.p99Ms)}</td><td>${r.errors ?? ''}</td><td class="${r.verdict === 'regression' ? 'c-failed' : r.verdict === 'improvement' ? 'c-passed' : ''}">${esc(r.verdict ?? '')}${r.note ? `: ${esc(r.note)}` : ''}</td></tr>`,
  );
  return `<section aria-labelledby="load-h"><h2 id="load-h">Load</h2><div class="scroll"><table><caption>Load phase summary</caption>
<thead><tr><th scope="col">Variant</th><th scope="col">Workload</th><th scope="col">ops/s</th><th scope="col">p50 (ms, slowest op)</th><th scope="col">p99 (ms, slowest op)</th><th scope="col">Errors</th><th scope="col">Against baseline</th></tr></thead>
<tbody>${body.join('\n')}</tbody></table></div></section>`;
}

export function diagnosticsHref(dir: string, pageDir?: string): string {
  const encode = (p: string) => p.split(sep).map(encodeURIComponent).join('/');
  if (pageDir && isAbsolute(dir)) return `${encode(relative(pageDir, dir)) || '.'}/`;
  return isAbsolute(dir) ? `file://${encode(dir)}/` : `${encode(dir)}/`;
}

/** Unique, valid HTML ids from free text. */
class IdMaker {
  private readonly used = new Set<string>();
  make(text: string): string {
    const base = text.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'id';
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}

const CSS = `
:root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;background:#fff;line-height:1.4}
main{max-width:1400px;margin:0 auto;padding:1rem}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d1d5db}h3{font-size:1rem}h4{font-size:.95rem;margin:.5rem 0 .25rem}
.meta{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:0}.meta div{display:flex;gap:.4rem}.meta dt{font-weight:600}.meta dd{margin:0}
${BANNER_CSS}
.banner-ok{background:#dcfce7;color:#14532d}.banner-fail{background:#fee2e2;color:#7f1d1d}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:1rem;padding:0}.swatch{display:inline-block;width:1em;height:1em;margin-right:.3em;vertical-align:-.15em;border:1px solid #6b7280}
.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:.5rem 0}caption{text-align:left;font-style:italic;color:#374151;padding:.25rem 0}
th,td{border:1px solid #d1d5db;padding:.35rem .5rem;vertical-align:top;text-align:left}
thead th{background:#f3f4f6}
.matrix th[scope=row]{white-space:nowrap;background:#f9fafb}
.cell ul{list-style:none;margin:0;padding:0}.cell .links{margin-top:.25rem;font-size:.85em}
.c-passed{background:#dcfce7;color:#14532d}
.c-failed{background:#fee2e2;color:#7f1d1d}
.c-not-applicable,.c-skipped,.c-none{background:#f1f5f9;color:#334155}
.c-limitation-reproduced{background:#dbeafe;color:#1e3a8a}
.c-limitation-emulated{background:#e0f2fe;color:#0c4a6e}
.c-limitation-lifted{background:#fef3c7;color:#78350f}
.c-documentation-differs{background:#ffedd5;color:#7c2d12}
.c-known-limitation{background:#ede9fe;color:#4c1d95}
.n-failed{font-weight:700}
a{color:#1d4ed8}.c-failed a{color:#7f1d1d}.c-limitation-lifted a{color:#78350f}
a:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
pre{white-space:pre-wrap;word-break:break-word;background:#f9fafb;border:1px solid #e5e7eb;padding:.4rem;margin:.25rem 0;font-size:.85em}
.failure{border-left:4px solid #b91c1c;padding-left:.6rem;margin:.75rem 0}
.failure:target{background:#fff7ed}
code{font-size:.85em;word-break:break-all}
@media print{.scroll{overflow:visible}}
`;
