// reports/<run>/index.html: one self-contained page per run (inline CSS and one small inline script allowed by its
// hash, no network: a CSP forbids loading anything) that a person opens from a CI artifact. Its first screen: the
// failures grouped by cause, largest first, and the matrix of variants × suite families with counts; everything
// else folds (details/summary) down to files and cases. The script only adds the filter by outcome and text and
// opens the folds a link points into: the page reads the same without it.
import { describeEvidence } from './evidence-text.ts';
import { isAbsolute, relative, sep } from 'node:path';
import { createHash } from 'node:crypto';
import { countsSentence, totals, type CaseOutcome, type CaseResult, type EscapedError, type RunResult, type SuiteResult, type Totals, type VariantResult } from './results.ts';
import { groupSize, knownLine, runFailureGroups, type FailureGroup, type FailureItem } from './failure-groups.ts';
import type { LoadReport } from '../load/report-schema.ts';
import { esc, linkified, writtenBy } from './format.ts';
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

type Category = 'passed' | 'failed' | 'not-applicable' | 'limitation-reproduced' | 'limitation-emulated' | 'limitation-lifted' | 'documentation-differs' | 'known-limitation' | 'interrupted' | 'skipped';
/** Display order and wording; colour is never the only signal (every count has its words). */
const CATEGORIES: ReadonlyArray<{ key: Category; label: string; short: string }> = [
  { key: 'failed', label: 'failed', short: 'failed' },
  { key: 'limitation-lifted', label: 'limitation lifted', short: 'lifted' },
  { key: 'documentation-differs', label: 'documentation differs', short: 'docs differ' },
  { key: 'passed', label: 'passed', short: 'passed' },
  { key: 'limitation-reproduced', label: 'limitation reproduced', short: 'limitation' },
  { key: 'limitation-emulated', label: 'limitation emulated (not measured on ScyllaDB)', short: 'emulated' },
  { key: 'not-applicable', label: 'not applicable', short: 'n/a' },
  { key: 'interrupted', label: 'interrupted', short: 'interrupted' },
  { key: 'known-limitation', label: 'known limitation (not run)', short: 'known limitation' },
  { key: 'skipped', label: 'skipped', short: 'skipped' },
];

/** Which outcome colours a matrix cell: the most important one present. */
const CELL_PRECEDENCE: readonly Category[] = ['failed', 'limitation-lifted', 'documentation-differs', 'passed', 'limitation-reproduced', 'limitation-emulated', 'interrupted', 'not-applicable', 'known-limitation', 'skipped'];

function categoryOf(c: CaseResult): Category {
  if (c.outcome === 'failed' || (c.status === 'failed' && c.outcome !== 'limitation-lifted')) return 'failed';
  return c.outcome as Exclude<CaseOutcome, 'failed'>;
}

const needsAttention = (c: CaseResult) => c.status === 'failed' || c.outcome === 'failed' || c.outcome === 'limitation-lifted' || c.outcome === 'documentation-differs';
const familyOf = (suite: string) => suite.split('/')[0]!;

/**
 * What the page says of a failed case besides its message: its reproduction without the harness (a script beside the
 * page), the command that reruns it, and its requests and answers (results.json `evidence`).
 */
function caseLinks(c: CaseResult): string {
  if (!c.evidence) return '';
  const link = c.reproduction ? `<p class="repro"><a href="${esc(c.reproduction.file)}">Reproduction without the harness</a> · rerun: <code>${esc(c.reproduction.rerun)}</code></p>` : '';
  return `${link}<details class="evidence"><summary>Requests and answers (${c.evidence.exchanges.length}${c.evidence.omitted ? ` of ${c.evidence.exchanges.length + c.evidence.omitted}` : ''})</summary><pre>${esc(describeEvidence(c.evidence))}</pre></details>`;
}

export function renderSummaryPage(run: RunResult, extras: SummaryPageExtras = {}): string {
  const ids = new IdMaker();
  // Anchors first, so every section can link to entries rendered elsewhere.
  const variantIds = new Map(run.variants.map((v) => [v.name, ids.make(`variant-${v.name}`)]));
  const failureIds = new Map<CaseResult | SuiteResult | EscapedError, string>();
  for (const v of run.variants)
    for (const s of v.suites) {
      if (s.error) failureIds.set(s, ids.make(`fail-${v.name}-${s.suite}-suite`));
      for (const c of s.cases) if (needsAttention(c)) failureIds.set(c, ids.make(`fail-${v.name}-${s.suite}-${c.name}`));
    }
  (run.escapedErrors ?? []).forEach((e, i) => failureIds.set(e, ids.make(`escaped-${i + 1}`)));
  const familyIds = new Map<string, string>();
  for (const v of run.variants) for (const f of new Set(v.suites.map((s) => familyOf(s.suite)))) familyIds.set(`${v.name}\u001f${f}`, ids.make(`cases-${v.name}-${f}`));
  const t = totals(run);
  const title = `alternator-e2e: ${run.profile} on ${run.target}, run ${run.runId}`;
  const body = [
    header(run, t),
    failureGroupsSection(run, failureIds, variantIds),
    matrix(run, variantIds, familyIds),
    run.history ? historySection(run.history, historyAnchors(run, variantIds, failureIds)) : '',
    attention(run, failureIds, extras),
    provisioning(run, variantIds),
    filesAndCases(run, familyIds, failureIds),
    isolationArtifacts(run, extras),
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
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src '${SCRIPT_HASH}'">
<title>${esc(title)}</title>
<style>${CSS}${HISTORY_CSS}</style>
</head>
<body>
<main>
<h1>${esc(title)}</h1>
${body}
<footer class="muted">${esc(writtenBy(run))}</footer>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** Where a case named in the history lists is explained on this page: its failure entry, or its variant's row. */
function historyAnchors(run: RunResult, variantIds: Map<string, string>, failureIds: Map<CaseResult | SuiteResult | EscapedError, string>) {
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
  for (const e of run.escapedErrors ?? []) {
    const key = caseKey({ variant: ESCAPED_VARIANT, suite: ESCAPED_SUITE, name: e.file ?? 'unknown suite file' });
    if (!ids.has(key)) ids.set(key, failureIds.get(e)!);
  }
  return (c: { variant: string; suite: string; name: string }) => ids.get(caseKey(c));
}

function header(run: RunResult, t: Totals): string {
  const rows: Array<[string, string]> = [
    ['Profile', run.profile],
    ['Target', run.target],
    ['Started', run.startedAt],
    ['Finished', run.finishedAt ?? 'not finished'],
    ...(run.shard ? ([['Shard', `${run.shard.index}/${run.shard.count}`]] as Array<[string, string]>) : []),
    ['Variants', String(run.variants.length)],
    ['Provisioning failures', String(t.provisioningFailures)],
  ];
  const verdict = run.interrupted
    ? `<p class="banner banner-warn" role="status">This run was interrupted${run.interruption ? ` by ${esc(run.interruption.signal)} during ${esc(run.interruption.phase)}` : ''}: the results are partial.</p>`
    : t.failed > 0 || t.provisioningFailures > 0
      ? `<p class="banner banner-fail" role="status">${t.failed} failed test(s), ${t.provisioningFailures} provisioning failure(s).</p>`
      : '<p class="banner banner-ok" role="status">No failures.</p>';
  return `${verdict}\n${deploymentBanners(run.variants)}<dl class="meta">${rows.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>
<p class="counts-line" id="counts">${esc(countsSentence(t))}</p>`;
}

const GROUPS_OPEN = 8;

/** Failures grouped by cause, largest first: the page's first section. Each group expands to its failures. */
function failureGroupsSection(run: RunResult, failureIds: Map<CaseResult | SuiteResult | EscapedError, string>, variantIds: Map<string, string>): string {
  const groups = runFailureGroups(run);
  if (groups.length === 0) return '';
  const failures = groups.reduce((n, g) => n + g.items.length, 0);
  const items = groups.map((g, i) => {
    const variants = g.variants.map((v) => (variantIds.has(v) ? `<a class="chip" href="#${variantIds.get(v)}">${esc(v)}</a>` : `<span class="chip">${esc(v)}</span>`)).join(' ');
    const known = g.knownElsewhere.map((k) => `<p class="known">${linkified(knownLine(k))}</p>`).join('');
    const entries = g.items.map((it) => failureEntry(it, g, failureIds)).join('\n');
    return `<details class="group" id="group-${i + 1}"${i < GROUPS_OPEN ? '' : ' data-more'}><summary><span class="g-size">${esc(g.type === 'EscapedError' ? `${g.items.length} escaped error(s)` : groupSize(g))}</span> <span class="g-message">${esc(g.message)}${g.valuesVary ? ' <small>(values vary)</small>' : ''}</span> <code class="g-suite">${esc(g.suite)}</code> <span class="g-variants">${variants}</span></summary>${known}<p class="g-type">error type <code>${esc(g.type)}</code></p>${entries}</details>`;
  });
  return `<section aria-labelledby="groups-h" class="groups"><h2 id="groups-h">Failures by cause: ${groups.length} cause(s), ${failures} failure(s)</h2>
${items.join('\n')}</section>`;
}

function failureEntry(it: FailureItem, g: FailureGroup, failureIds: Map<CaseResult | SuiteResult | EscapedError, string>): string {
  const src = it.source;
  const id = src ? failureIds.get(src) : undefined;
  const c = src && 'status' in src ? src : undefined;
  const details = c ? c.failure?.details : src && 'details' in src ? src.details : undefined;
  const message = it.message.split('\n')[0] === g.message && !it.message.includes('\n') ? '' : `<pre class="message">${esc(it.message)}</pre>`;
  return `<article${id ? ` id="${id}"` : ''} class="failure"><h4><span class="f-variant">${esc(it.variant)}</span> ${esc(it.name)}</h4>${message}${c ? caseLinks(c) : ''}${
    details ? `<details><summary>Details</summary><pre>${esc(details)}</pre></details>` : ''
  }</article>`;
}

/** Counts per outcome, the most important first, in words. */
function countsOf(cases: readonly CaseResult[], fileErrors = 0): { state: Category | 'none'; html: string; counts: Map<Category, number> } {
  const counts = new Map<Category, number>();
  for (const c of cases) counts.set(categoryOf(c), (counts.get(categoryOf(c)) ?? 0) + 1);
  if (fileErrors) counts.set('failed', (counts.get('failed') ?? 0) + fileErrors);
  const state = CELL_PRECEDENCE.find((k) => counts.get(k)) ?? 'none';
  const html = CATEGORIES.filter((c) => counts.get(c.key))
    .map((c) => `<span class="n n-${c.key}" title="${esc(c.label)}">${counts.get(c.key)} ${esc(c.short)}</span>`)
    .join(' ');
  return { state, html: html || 'no tests', counts };
}

/** The overview: variants (rows) × suite families (columns), counts in each cell, each cell opening its files and cases. */
function matrix(run: RunResult, variantIds: Map<string, string>, familyIds: Map<string, string>): string {
  const families = [...new Set(run.variants.flatMap((v) => v.suites.map((s) => familyOf(s.suite))))].sort();
  const head = `<tr><th scope="col">Variant</th>${families.map((f) => `<th scope="col">${esc(f)}</th>`).join('')}</tr>`;
  const rows = run.variants.map((v) => {
    const name = `<th scope="row"><a href="#${variantIds.get(v.name)}">${esc(v.name)}</a></th>`;
    if (v.provisioning) {
      const state = v.provisioning.status === 'failed' ? 'failed' : 'not-applicable';
      const what = v.provisioning.status === 'failed' ? 'not deployed: provisioning failed' : v.provisioning.status === 'not-applicable' ? 'not applicable' : 'interrupted';
      // The runner's messages often start with the status already ("not applicable: ...").
      const message = v.provisioning.message.replace(new RegExp(`^${what}:\\s*`, 'i'), '');
      return `<tr>${name}<td class="cell c-${state}" colspan="${Math.max(1, families.length)}"><a href="#${variantIds.get(v.name)}">${esc(what)}</a>: ${esc(message)}</td></tr>`;
    }
    const cells = families.map((f) => {
      const suites = v.suites.filter((s) => familyOf(s.suite) === f);
      if (suites.length === 0) return '<td class="cell c-none">not run</td>';
      const { state, html } = countsOf(suites.flatMap((s) => s.cases), suites.filter((s) => s.error).length);
      return `<td class="cell c-${state}"><a class="cell-link" href="#${familyIds.get(`${v.name}\u001f${f}`)}" title="${esc(`${v.name} / ${f}: files and cases`)}">${html}</a></td>`;
    });
    return `<tr>${name}${cells.join('')}</tr>`;
  });
  return `<section aria-labelledby="matrix-h"><h2 id="matrix-h">Matrix</h2>${legend()}
<div class="scroll"><table class="matrix"><caption>Test cases per variant (rows) and suite family (columns); a cell opens its files and cases</caption>
<thead>${head}</thead><tbody>${rows.join('\n')}</tbody></table></div></section>`;
}

function legend(): string {
  const items = CATEGORIES.filter((c) => c.key !== 'known-limitation' && c.key !== 'skipped')
    .map((c) => `<li><span class="swatch c-${c.key}" aria-hidden="true"></span>${esc(c.short === c.label ? c.label : `${c.short}: ${c.label}`)}</li>`)
    .join('');
  return `<ul class="legend" aria-label="Legend">${items}</ul>`;
}

/** Every variant's families, files and cases, folded; the filter (when scripts run) narrows them by outcome and text. */
function filesAndCases(run: RunResult, familyIds: Map<string, string>, failureIds: Map<CaseResult | SuiteResult | EscapedError, string>): string {
  const variants = run.variants.filter((v) => v.suites.length > 0).map((v) => {
    const families = [...new Set(v.suites.map((s) => familyOf(s.suite)))].sort();
    const blocks = families.map((f) => {
      const suites = v.suites.filter((s) => familyOf(s.suite) === f);
      const files = suites.map((s) => {
        const cases = s.cases
          .map((c) => {
            const id = failureIds.get(c);
            const name = id ? `<a href="#${id}">${esc(c.name)}</a>` : esc(c.name);
            // Reasons that repeat across cases (not applicable, limitations) are listed once, in the reasons section.
            const why = c.reason && (c.outcome === 'interrupted' || c.outcome === 'skipped') ? ` <small class="why">${esc(shorten(c.reason))}</small>` : '';
            return `<li class="case o-${categoryOf(c)}" data-o="${categoryOf(c)}"><span class="o">${esc(CATEGORIES.find((k) => k.key === categoryOf(c))?.short ?? c.outcome)}</span> ${name}${why}</li>`;
          })
          .join('');
        const fileError = s.error ? `<li class="case o-failed" data-o="failed"><span class="o">failed</span> <a href="#${failureIds.get(s)}">(suite file)</a></li>` : '';
        return `<details class="file" data-k="${esc(`${v.name} ${s.suite}`.toLowerCase())}"><summary><code>${esc(s.suite)}</code> ${countsOf(s.cases, s.error ? 1 : 0).html}</summary><ul class="cases">${fileError}${cases}</ul></details>`;
      });
      const all = countsOf(suites.flatMap((s) => s.cases), suites.filter((s) => s.error).length);
      return `<details class="family" id="${familyIds.get(`${v.name}\u001f${f}`)}"><summary><b>${esc(v.name)}</b> · ${esc(f)}: ${all.html}</summary>${files.join('')}</details>`;
    });
    return blocks.join('\n');
  });
  if (variants.length === 0) return '';
  const options = CATEGORIES.map((c) => `<option value="${c.key}">${esc(c.label)}</option>`).join('');
  return `<section aria-labelledby="cases-h"><h2 id="cases-h">Files and cases</h2>
<form class="filter" id="filter" hidden role="search" aria-label="Filter the cases"><label>Outcome <select name="outcome"><option value="">any</option>${options}</select></label> <label>Text <input name="text" type="search" placeholder="variant, suite or case"></label> <output name="shown" aria-live="polite"></output></form>
${variants.join('\n')}</section>`;
}

const shorten = (s: string) => (s.length > 160 ? `${s.slice(0, 157)}…` : s);

/** Failures are in the groups; lifted limitations and documentation differences need attention too: each reason once. */
function attention(run: RunResult, failureIds: Map<CaseResult | SuiteResult | EscapedError, string>, extras: SummaryPageExtras): string {
  const byReason = new Map<string, Array<{ v: VariantResult; s: SuiteResult; c: CaseResult }>>();
  for (const v of run.variants)
    for (const s of v.suites)
      for (const c of s.cases)
        if (c.status !== 'failed' && (c.outcome === 'limitation-lifted' || c.outcome === 'documentation-differs')) {
          const key = `${c.outcome}\u001f${c.reason ?? ''}`;
          byReason.set(key, [...(byReason.get(key) ?? []), { v, s, c }]);
        }
  const diagnostics = run.variants
    .filter((v) => v.diagnosticsDir)
    .map((v) => `<li><a href="${esc(diagnosticsHref(v.diagnosticsDir!, extras.pageDir))}">Diagnostics of ${esc(v.name)}</a></li>`);
  if (byReason.size === 0 && diagnostics.length === 0) return '';
  const blocks = [...byReason].map(([key, list]) => {
    const [outcome, reason] = key.split('\u001f') as [string, string];
    const variants = [...new Set(list.map((x) => x.v.name))];
    const entries = list.map(({ v, s, c }) => `<article id="${failureIds.get(c)}" class="failure attention"><h4><span class="f-variant">${esc(v.name)}</span> ${esc(`${s.suite} › ${c.name}`)}</h4></article>`).join('');
    return `<details class="group"><summary><span class="g-size">${list.length} case(s) × ${variants.length} variant(s)</span> <span class="g-message">${esc(outcome === 'limitation-lifted' ? 'limitation lifted' : 'documentation differs')}</span> <span class="g-variants">${variants.map((x) => `<span class="chip">${esc(x)}</span>`).join(' ')}</span></summary><pre class="message">${esc(reason)}</pre>${entries}</details>`;
  });
  return `<section aria-labelledby="attention-h"><h2 id="attention-h">Lifted limitations, documentation differences, diagnostics</h2>${blocks.join('\n')}${diagnostics.length ? `<ul>${diagnostics.join('')}</ul>` : ''}</section>`;
}

/** The write isolation suites' histories and their checkers' verdicts, where the run wrote them (notes "history: <file>"). */
function isolationArtifacts(run: RunResult, extras: SummaryPageExtras): string {
  const rows = run.variants.flatMap((v) =>
    v.suites.flatMap((s) =>
      s.cases.flatMap((c) =>
        (c.notes ?? []).flatMap((n) => {
          const m = /history: (\S+\.history\.jsonl)/.exec(n.message);
          if (!m) return [];
          const history = m[1]!;
          const verdict = history.replace(/\.history\.jsonl$/, '.report.txt');
          return [`<tr><th scope="row">${esc(v.name)}</th><td>${esc(`${s.suite} › ${c.name}`)}</td><td class="c-${categoryOf(c)}">${esc(categoryOf(c))}</td><td><a href="${esc(fileHref(history, extras.pageDir))}">history</a> · <a href="${esc(fileHref(verdict, extras.pageDir))}">checker verdict</a></td></tr>`];
        }),
      ),
    ),
  );
  if (rows.length === 0) return '';
  return `<section aria-labelledby="isolation-h"><h2 id="isolation-h">Isolation histories and checker verdicts</h2><details><summary>${rows.length} history file(s)</summary><div class="scroll"><table><caption>Each compare-and-set history the isolation suite recorded, with the lost-update and linearizability checkers' report</caption>
<thead><tr><th scope="col">Variant</th><th scope="col">Case</th><th scope="col">Outcome</th><th scope="col">Files</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></details></section>`;
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

/**
 * Why cases did not run as plain passes, each reason once: a documented difference is one row whatever case detail its
 * text carries, with the variants it holds on. Folded: it is reference material, not the news.
 */
function reasons(run: RunResult): string {
  const byKey = new Map<string, { outcome: CaseOutcome; count: number; reason: string; wordings: Set<string>; variants: Set<string> }>();
  for (const v of run.variants)
    for (const s of v.suites)
      for (const c of s.cases) {
        if (!c.reason || c.outcome === 'passed' || c.outcome === 'failed' || c.status === 'failed' || c.outcome === 'documentation-differs' || c.outcome === 'limitation-lifted') continue;
        const difference = /\[([a-z0-9-]+): /.exec(c.reason)?.[1];
        const key = `${c.outcome}\u001f${difference ?? c.reason}`;
        const r = byKey.get(key) ?? { outcome: c.outcome, count: 0, reason: c.reason, wordings: new Set<string>(), variants: new Set<string>() };
        r.count++;
        r.wordings.add(c.reason);
        r.variants.add(v.name);
        byKey.set(key, r);
      }
  if (byKey.size === 0) return '';
  const label = new Map(CATEGORIES.map((c) => [c.key as string, c.label]));
  const all = run.variants.filter((v) => v.suites.length > 0).length;
  const rows = [...byKey.values()]
    .sort((a, b) => a.outcome.localeCompare(b.outcome) || b.count - a.count)
    .map(
      (r) =>
        `<tr><td class="c-${r.outcome}">${esc(label.get(r.outcome) ?? r.outcome)}</td><td>${r.count}</td><td>${r.variants.size === all && all > 1 ? 'all' : esc([...r.variants].join(', '))}</td><td>${linkified(r.reason)}${r.wordings.size > 1 ? ` <small>(and ${r.wordings.size - 1} more wording(s) with case detail)</small>` : ''}</td></tr>`,
    );
  const cases = [...byKey.values()].reduce((n, r) => n + r.count, 0);
  return `<section aria-labelledby="reasons-h"><h2 id="reasons-h">Not applicable and limitations: why, with references</h2><details><summary>${byKey.size} reason(s) covering ${cases} case(s)</summary><div class="scroll"><table><caption>Each distinct reason once, with the number of test cases it covers and the variants it holds on</caption>
<thead><tr><th scope="col">Outcome</th><th scope="col">Cases</th><th scope="col">Variants</th><th scope="col">Reason and reference</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></div></details></section>`;
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

/** A file the run wrote, linked relative to the page when both are known (the report directory stays movable). */
function fileHref(file: string, pageDir?: string): string {
  const encode = (p: string) => p.split(sep).map(encodeURIComponent).join('/');
  if (pageDir && isAbsolute(file)) return encode(relative(pageDir, file));
  return isAbsolute(file) ? `file://${encode(file)}` : encode(file);
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

/**
 * The page's only script: the filter by outcome and text over the files and cases, and opening the folds that hold
 * the target of a link (a matrix cell, a failure named in the history). Shown only when scripts run (the form is
 * `hidden` in the HTML), so the page without it has no dead control. Allowed by its hash in the CSP, nothing else.
 */
const SCRIPT = `(() => {
  const reveal = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    for (let e = target; e; e = e.parentElement) if (e.tagName === 'DETAILS') e.open = true;
    if (target) target.scrollIntoView();
  };
  addEventListener('hashchange', reveal);
  reveal();
  const form = document.getElementById('filter');
  if (!form) return;
  form.hidden = false;
  form.addEventListener('submit', (e) => e.preventDefault());
  const apply = () => {
    const outcome = form.elements.outcome.value;
    const text = form.elements.text.value.trim().toLowerCase();
    const active = outcome !== '' || text !== '';
    let shown = 0;
    for (const file of document.querySelectorAll('details.file')) {
      let any = false;
      for (const li of file.querySelectorAll('li.case')) {
        const ok = (!outcome || li.dataset.o === outcome) && (!text || (file.dataset.k + ' ' + li.textContent).toLowerCase().includes(text));
        li.hidden = !ok;
        if (ok) { any = true; shown++; }
      }
      file.hidden = !any;
      if (active) file.open = any;
    }
    for (const family of document.querySelectorAll('details.family')) {
      const any = family.querySelector('details.file:not([hidden])') !== null;
      family.hidden = !any;
      if (active) family.open = any;
    }
    form.elements.shown.value = active ? shown + ' case(s) match' : '';
  };
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
})();`;
const SCRIPT_HASH = `sha256-${createHash('sha256').update(SCRIPT).digest('base64')}`;

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
h1{font-size:1.2rem;margin:.3rem 0}h2{margin-top:1.2rem}
.banner{margin:.3rem 0;padding:.35rem .6rem}
.counts-line{margin:.3rem 0;font-weight:600}
.groups h2{margin-top:.6rem}
details.group{border-left:4px solid #b91c1c;padding:.15rem .6rem;margin:.3rem 0;background:#fff}
details.group>summary{cursor:pointer;line-height:1.5}
.g-size{font-weight:700;color:#7f1d1d;white-space:nowrap}.g-message{font-family:ui-monospace,monospace;font-size:.9em}.g-suite{background:#f3f4f6;padding:0 .3em}
.chip{display:inline-block;border:1px solid #9ca3af;border-radius:9px;padding:0 .45em;font-size:.8em;margin:0 .1em;text-decoration:none;color:#111827;background:#f9fafb}
.known{background:#fef3c7;color:#78350f;padding:.25rem .5rem;margin:.3rem 0}
.g-type{font-size:.85em;color:#374151;margin:.2rem 0}
.f-variant{font-weight:400;color:#374151}
.failure.attention{border-left-color:#d97706}
.matrix .cell{white-space:nowrap;padding:.25rem .45rem}.matrix .n{margin-right:.35em}.matrix .n-failed{font-weight:700}
.cell-link{color:inherit;text-decoration:none}.cell-link:hover{text-decoration:underline}
details.family{margin:.2rem 0}details.family>summary,details.file>summary{cursor:pointer}
details.file{margin:.1rem 0 .1rem 1.2rem}.cases{list-style:none;margin:.2rem 0 .4rem 1rem;padding:0;font-size:.9em}
.case .o{display:inline-block;min-width:6.5em;font-size:.8em;color:#374151}.case.o-failed .o{color:#7f1d1d;font-weight:700}.why{color:#4b5563}
.filter{margin:.4rem 0;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
.case-links{margin:.2rem 0;padding-left:1.2rem;font-size:.9em}
@media print{.scroll{overflow:visible}}
`;
