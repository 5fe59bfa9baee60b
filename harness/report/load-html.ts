// reports/<run>/load.html: one self-contained page (inline CSS and SVG, no script, no network) with,
// per workload, the variants side by side (e.g. write-isolation modes), and per variant and workload
// the throughput over time, p99 over time and latency percentile curves per operation; plus the
// baseline comparison when there is one.
import type { HarnessInfo } from './results.ts';
import { describeHarness, harnessInfo } from '../util/harness-info.ts';
import { decodeHistogram } from '../load/histograms.ts';
import { topLevelOperations } from '../load/merge.ts';
import type { LoadReport } from '../load/report-schema.ts';
import type { BaselineComparison } from '../load/baseline.ts';
import { lineChart, barChart, ninesX, NINES_TICKS, type Series, type BarGroup } from './load-svg.ts';
import { esc, variantLabel, wholeNumber as num } from './format.ts';
import { BANNER_CSS, deploymentBanners, versionCells, versionKeys } from './deployment-html.ts';
import type { VariantResult } from './results.ts';

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1400px;padding:0 16px;color:#1b1b1b}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:15px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}th:first-child,td:first-child,td.text,th.text{text-align:left}
th{background:#f4f4f4}.charts{display:flex;flex-wrap:wrap;gap:12px}.chart{border:1px solid #e4e4e4;background:#fff;max-width:100%;height:auto}
.chart-title{font-weight:600;font-size:13px}.tick{font-size:11px;fill:#555}.label{font-size:12px;fill:#333}.legend{font-size:12px}
.grid{stroke:#eee}.axis{stroke:#888}.warn{color:#8a5300}.regression{background:#fde2e2}.improvement{background:#e2f5e2}
.muted{color:#666}nav a{margin-right:12px}code{background:#f4f4f4;padding:0 3px}
${BANNER_CSS}
`;

const ms = (v: number) => `${v.toFixed(v < 10 ? 3 : 1)}`;
const anchor = (r: LoadReport) => `r-${r.variant.name}-${r.workload}`.replace(/[^A-Za-z0-9_-]/g, '-');

/** Dense points for a percentile curve: every tenth of a nine up to 99.99, and the maximum. */
function curve(encoded: string): Array<[number, number]> {
  const h = decodeHistogram(encoded);
  if (h.totalCount === 0) return [];
  const pts: Array<[number, number]> = [];
  for (let k = 0; k <= 40; k++) {
    const p = 100 * (1 - 10 ** (-k / 10));
    pts.push([ninesX(p), h.getValueAtPercentile(p) / 1000]);
  }
  pts.push([ninesX(100), h.getValueAtPercentile(100) / 1000]);
  return pts;
}

function statsTable(r: LoadReport): string {
  const rows = Object.entries(r.operations)
    .map(
      ([op, o]) =>
        `<tr><td>${esc(op)}</td><td>${num(o.count)}</td><td>${num(o.throughput)}</td><td>${num(o.errorCount)}</td><td>${ms(o.latencyMs.mean)}</td><td>${ms(o.latencyMs.p50)}</td><td>${ms(o.latencyMs.p90)}</td><td>${ms(o.latencyMs.p99)}</td><td>${ms(o.latencyMs.p999)}</td><td>${ms(o.latencyMs.max)}</td></tr>`,
    )
    .join('');
  return `<table><tr><th>operation</th><th>count</th><th>ops/s</th><th>errors</th><th>mean ms</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th></tr>${rows}</table>`;
}

function errorsList(r: LoadReport): string {
  const items = Object.entries(r.operations).flatMap(([op, o]) => Object.entries(o.errors).map(([t, n]) => `<li>${esc(op)}: <code>${esc(t)}</code> × ${num(n)}</li>`));
  return items.length ? `<h3>Errors by type</h3><ul>${items.join('')}</ul>` : '';
}

function parametersLine(r: LoadReport): string {
  const p = r.parameters;
  const parts = [
    `${p.mode} loop${p.rate !== undefined ? ` at ${num(p.rate)}/s` : ''}`,
    `${p.concurrency} lanes`,
    `${p.durationSeconds}s`,
    `${num(p.recordCount)} records`,
    p.distribution,
    `${p.client} client`,
    p.workers > 1 ? `${p.workers} pods` : p.threads > 1 ? `${p.threads} threads` : '',
    `datacenter ${p.datacenter}`,
    `table ${p.table}`,
  ].filter(Boolean);
  return `<p class="muted">${esc(r.workloadDescription)} — ${parts.map(esc).join(', ')}; started ${esc(r.start)}, measured ${r.durationSeconds}s.</p>`;
}

/** The seconds of the series fully inside the measured phase: the first and last are usually partial, and
 * plotting their counts as a rate would show a false dip. */
function fullSeconds(r: LoadReport): (t: number) => boolean {
  const startMs = Date.parse(r.start);
  const endMs = startMs + r.durationSeconds * 1000;
  const first = Math.floor(startMs / 1000);
  const full = (t: number) => (first + t) * 1000 >= startMs && (first + t + 1) * 1000 <= endMs + 1;
  const any = Object.values(r.operations).some((o) => o.timeSeries.some((p) => full(p.t)));
  return any ? full : () => true;
}

function reportSection(r: LoadReport): string {
  const ops = topLevelOperations(Object.keys(r.operations));
  const full = fullSeconds(r);
  const throughput: Series[] = ops.map((op) => ({ name: op, points: r.operations[op]!.timeSeries.filter((p) => full(p.t)).map((p) => [p.t, p.count] as [number, number]) }));
  const p99: Series[] = ops.map((op) => ({ name: op, points: r.operations[op]!.timeSeries.filter((p) => p.count > 0).map((p) => [p.t, p.p99] as [number, number]) }));
  const curves: Series[] = Object.entries(r.operations).map(([op, o]) => ({ name: op, points: curve(o.histogram.data) }));
  const warnings = r.warnings.length ? `<ul class="warn">${r.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : '';
  const lp = r.loadPhase ? `<p class="muted">Load phase: ${num(r.loadPhase.records)} records in ${r.loadPhase.durationSeconds}s (${num(r.loadPhase.recordsPerSecond)}/s).</p>` : '';
  return `<section id="${anchor(r)}"><h2>${esc(variantLabel(r))} · workload ${esc(r.workload)}</h2>${parametersLine(r)}${lp}${warnings}${statsTable(r)}${errorsList(r)}
<div class="charts">${lineChart({ title: 'Throughput over time', xLabel: 'seconds', yLabel: 'ops/s', series: throughput })}${lineChart({ title: 'p99 latency over time', xLabel: 'seconds', yLabel: 'ms', series: p99 })}${lineChart({ title: 'Latency by percentile', xLabel: 'percentile', yLabel: 'ms', series: curves, xTicks: NINES_TICKS, xMin: 0, xMax: 4.5, markers: false })}</div></section>`;
}

function comparisonSection(reports: readonly LoadReport[]): string {
  const byWorkload = new Map<string, LoadReport[]>();
  for (const r of reports) byWorkload.set(r.workload, [...(byWorkload.get(r.workload) ?? []), r]);
  let html = '<section id="variants"><h2>Variants side by side</h2>';
  for (const [workload, rs] of byWorkload) {
    const throughput: BarGroup[] = rs.map((r) => ({ label: r.variant.name, values: [{ name: 'ops/s', value: r.totals.throughput }] }));
    const ops = [...new Set(rs.flatMap((r) => topLevelOperations(Object.keys(r.operations))))];
    const latency = ops.map((op) =>
      barChart({
        title: `Workload ${workload}: ${op} latency`,
        yLabel: 'ms',
        groups: rs.map((r) => {
          const l = r.operations[op]?.latencyMs;
          return { label: r.variant.name, values: l ? [{ name: 'p50', value: l.p50 }, { name: 'p99', value: l.p99 }, { name: 'p99.9', value: l.p999 }] : [] };
        }),
      }),
    );
    const rows = rs
      .map(
        (r) =>
          `<tr><td><a href="#${anchor(r)}">${esc(variantLabel(r))}</a></td><td>${num(r.totals.throughput)}</td><td>${num(r.totals.errorCount)}</td>${ops.map((op) => `<td>${r.operations[op] ? ms(r.operations[op]!.latencyMs.p99) : '—'}</td>`).join('')}</tr>`,
      )
      .join('');
    html += `<h3>Workload ${esc(workload)}</h3><table><tr><th>variant</th><th>ops/s</th><th>errors</th>${ops.map((op) => `<th>${esc(op)} p99 ms</th>`).join('')}</tr>${rows}</table>
<div class="charts">${barChart({ title: `Workload ${workload}: throughput`, yLabel: 'ops/s', groups: throughput })}${latency.join('')}</div>`;
  }
  return `${html}</section>`;
}

function baselineSection(c: BaselineComparison): string {
  const fmtM = (m?: { throughput: number; p99: number }) => (m ? `${num(m.throughput)}/s, p99 ${ms(m.p99)} ms` : '—');
  const change = (v?: number) => (v === undefined ? '' : `${v > 0 ? '+' : ''}${v}%`);
  const rows = c.rows
    .filter((r) => r.status !== 'ok' || r.operation === 'total')
    .map(
      (r) =>
        `<tr class="${r.status}"><td>${esc(r.variant)}</td><td class="text">${esc(r.workload)}</td><td class="text">${esc(r.operation)}</td><td>${fmtM(r.baseline)}</td><td>${fmtM(r.current)}</td><td>${change(r.throughputChangePct)}</td><td>${change(r.p99ChangePct)}</td><td class="text">${esc(r.status)}</td><td class="text">${esc(r.reasons.join('; '))}</td></tr>`,
    )
    .join('');
  const t = c.thresholds;
  const nothing = c.comparedPairs === 0 ? '<p class="banner banner-warn" role="status">Nothing was compared: no variant/workload pair of this run was measured as its baseline was (see why below). This comparison cannot pass a gate.</p>' : '';
  return `<section id="baseline"><h2>Compared with baseline</h2>${nothing}<p>Baseline <code>${esc(c.baselinePath)}</code> (run ${esc(c.baselineRunIds.join(', ') || '?')}). Thresholds: throughput −${t.throughputDropPct}%, p99 +${t.p99RisePct}% (and +${t.p99MinDeltaMs} ms), error rate +${t.errorRateRisePoints} points, at least ${t.minSamples} samples. <strong>${c.regressions.length} regression(s) in ${c.comparedPairs} compared variant/workload pair(s); ${c.incomparable.length} incomparable.</strong></p>
<table><tr><th>variant</th><th class="text">workload</th><th class="text">operation</th><th>baseline</th><th>current</th><th>ops/s Δ</th><th>p99 Δ</th><th class="text">status</th><th class="text">why</th></tr>${rows}</table></section>`;
}

/** The variants' versions, as the summary page shows them (which ScyllaDB and operator the numbers were measured on). */
function versionsSection(variants: readonly VariantResult[]): string {
  if (variants.length === 0) return '';
  const keys = versionKeys(variants);
  const rows = variants.map((v) => `<tr><td class="text">${esc(v.name)}</td><td class="text">${esc(v.target)}</td>${versionCells(v, keys)}</tr>`).join('');
  return `<section id="versions"><h2>Variants and versions</h2><table><tr><th class="text">variant</th><th class="text">target</th>${keys.map((k) => `<th class="text">${esc(k)}</th>`).join('')}</tr>${rows}</table></section>`;
}

/** The runner class(es) the numbers were measured on (a baseline is compared only with the same class). */
function runnersLine(reports: readonly LoadReport[]): string {
  const classes = [...new Set(reports.map((r) => r.runner?.class ?? 'not recorded'))];
  return `<p class="muted">Measured on runner class ${classes.map((c) => `<code>${esc(c)}</code>`).join(', ')}.</p>`;
}

export function renderLoadHtml(reports: readonly LoadReport[], comparison?: BaselineComparison, variants: readonly VariantResult[] = [], generatedAt = new Date(), harness: HarnessInfo = harnessInfo()): string {
  const loaded = new Set(reports.map((r) => r.variant.name));
  const shown = variants.filter((v) => loaded.has(v.name));
  const runIds = [...new Set(reports.map((r) => r.runId))].join(', ');
  const targets = [...new Set(reports.map((r) => r.target))].join(', ');
  const nav = [
    '<a href="#variants">variants side by side</a>',
    comparison ? '<a href="#baseline">baseline</a>' : '',
    ...reports.map((r) => `<a href="#${anchor(r)}">${esc(r.variant.name)} · ${esc(r.workload)}</a>`),
  ].join('');
  const body = reports.length
    ? `${versionsSection(shown)}${comparisonSection(reports)}${comparison ? baselineSection(comparison) : ''}${reports.map(reportSection).join('')}`
    : '<p>No load report in this run.</p>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Load — ${esc(runIds)}</title><style>${CSS}</style></head><body>
<h1>Load results</h1><p class="muted">Run ${esc(runIds)} on target ${esc(targets)}; generated ${esc(generatedAt.toISOString())}. Latencies are from HDR histograms (3 significant digits), successful operations only; in the open loop they are measured from the time each operation was due.</p>
${deploymentBanners(shown)}${reports.length ? runnersLine(reports) : ''}<nav>${nav}</nav>${body}<footer class="muted">Written by ${esc(describeHarness(harness))}</footer></body></html>
`;
}
