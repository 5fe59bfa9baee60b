// The summary page's opening section: what changed since the earlier runs (new failures first) and a small trend
// of the last runs as inline SVG (no script, works offline), with the same numbers in a table for screen readers.
import type { CaseChange, RunHistory, TrendPoint } from './compare.ts';
import { SECTIONS, caseLabel, changeDetail, changeGroups, historyHeadline, skippedLine } from './history-text.ts';
import { groupTitle } from './failure-groups.ts';
import { lineChart } from './load-svg.ts';
import { esc, shortTime } from './format.ts';

const MAX_ITEMS = 100;

/** `anchorFor` gives the page id of a case's failure entry, when the page has one. */
export function historySection(h: RunHistory, anchorFor: (c: CaseChange) => string | undefined): string {
  const lists = SECTIONS.map((s) => {
    const items = h[s.key];
    if (items.length === 0) return s.key === 'newFailures' && h.comparedWith.length ? '<p class="h-none">No new failures.</p>' : '';
    const one = (c: CaseChange) => {
      const id = anchorFor(c);
      const name = id ? `<a href="#${id}">${esc(caseLabel(c))}</a>` : esc(caseLabel(c));
      const message = c.message && (s.key === 'newFailures' || s.key === 'flaky') ? `<br><span class="h-message">${esc(c.message)}</span>` : '';
      return `<li>${name} <span class="h-detail">(${esc(changeDetail(s.key, c))})</span>${message}</li>`;
    };
    // Failing lists by cause, as the failure groups: a cause of many cases is one folded entry.
    const li =
      s.key === 'newFailures' || s.key === 'stillFailing'
        ? changeGroups(items)
            .slice(0, MAX_ITEMS)
            .map(({ group, changes }) => (changes.length === 1 ? one(changes[0]!) : `<li><details><summary>${esc(groupTitle(group))}</summary><ul>${changes.map(one).join('')}</ul></details></li>`))
        : items.slice(0, MAX_ITEMS).map(one);
    if (items.length > MAX_ITEMS) li.push(`<li>… and ${items.length - MAX_ITEMS} more (results.json, <code>history.${s.key}</code>)</li>`);
    return `<section class="h-list h-${s.key}" aria-labelledby="h-${s.key}"><h3 id="h-${s.key}">${esc(s.title)} (${items.length})</h3><ul>${li.join('')}</ul></section>`;
  });
  const skipped = h.skipped.length
    ? `<details class="h-skipped"><summary>${h.skipped.length} earlier result file(s) skipped</summary><ul>${h.skipped.map((s) => `<li>${esc(skippedLine(s))}</li>`).join('')}</ul></details>`
    : '';
  return `<section aria-labelledby="history-h" class="history"><h2 id="history-h">Since the previous run</h2>
<p class="h-headline">${esc(historyHeadline(h))}</p>
${lists.join('\n')}
${h.trend.length >= 2 ? trend(h.trend) : ''}
${skipped}</section>`;
}

function trend(points: readonly TrendPoint[]): string {
  const n = points.length;
  const xTicks = points.map((_, i) => [i - (n - 1), i === n - 1 ? 'this' : String(i - (n - 1))] as [number, string]);
  const chart = (title: string, yLabel: string, color: string, value: (p: TrendPoint) => number, integerY = true) =>
    lineChart({
      title,
      xLabel: 'runs ago',
      yLabel,
      xMin: -(n - 1),
      xMax: 0,
      xTicks,
      markers: true,
      compact: { width: 290, height: 170 },
      integerY,
      series: [{ name: title, color, points: points.map((p, i) => [i - (n - 1), value(p)]), titles: points.map((p) => `run ${p.runId} (${shortTime(p.startedAt)}): ${value(p)} ${yLabel}`) }],
    });
  const rows = [...points]
    .reverse()
    .map(
      (p, i) =>
        `<tr><th scope="row">${esc(p.runId)}${i === 0 ? ' (this run)' : ''}</th><td>${esc(shortTime(p.startedAt))}</td><td>${p.passed}</td><td>${p.failed}</td><td>${p.skipped}</td><td>${p.provisioningFailures}</td><td>${p.suiteSeconds.toFixed(1)}</td></tr>`,
    );
  return `<section class="trend" aria-labelledby="trend-h"><h3 id="trend-h">Trend over the last ${n} runs</h3>
<div class="charts">${chart('Passed', 'tests', '#15803d', (p) => p.passed)}${chart('Failed', 'tests', '#b91c1c', (p) => p.failed)}${chart('Skipped', 'tests', '#64748b', (p) => p.skipped)}${chart('Suite time', 's', '#1d4ed8', (p) => p.suiteSeconds, false)}</div>
<div class="scroll"><table class="trend-table"><caption>Last runs, newest first (suite time: the suite files' durations added up)</caption>
<thead><tr><th scope="col">Run</th><th scope="col">Started</th><th scope="col">Passed</th><th scope="col">Failed</th><th scope="col">Skipped</th><th scope="col">Provisioning failures</th><th scope="col">Suite time (s)</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></div></section>`;
}

export const HISTORY_CSS = `
.history .h-headline{font-weight:600}
.h-list{border-left:4px solid #9ca3af;padding-left:.6rem;margin:.6rem 0}.h-list h3{margin:.2rem 0}.h-list ul{margin:.2rem 0;padding-left:1.2rem}
.h-newFailures{border-color:#b91c1c}.h-stillFailing{border-color:#7f1d1d}.h-fixed{border-color:#15803d}.h-flaky{border-color:#d97706}.h-changed{border-color:#1d4ed8}
.h-detail{color:#374151}.h-message{font-family:ui-monospace,monospace;font-size:.85em;color:#7f1d1d}
.trend .charts{display:flex;flex-wrap:wrap;gap:8px}.trend .chart{border:1px solid #e5e7eb;background:#fff;max-width:100%;height:auto}
.trend .chart-title{font-weight:600;font-size:13px}.trend .tick{font-size:11px;fill:#374151}.trend .label{font-size:11px;fill:#374151}
.trend .grid{stroke:#eee}.trend .axis{stroke:#6b7280}
.trend-table td{text-align:right}
`;
