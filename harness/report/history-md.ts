// The opening section of summary.md: what changed since the earlier runs, new failures first, and the trend of the
// last runs as a table (CI job summaries strip inline SVG; the summary page draws it).
import type { RunHistory } from './compare.ts';
import { SECTIONS, caseLabel, changeDetail, changeGroups, historyHeadline, skippedLine } from './history-text.ts';
import { groupTitle } from './failure-groups.ts';
import { mdCell as cell, shortTime } from './format.ts';

const MAX_ITEMS = 25;

export function historyMarkdown(h: RunHistory): string[] {
  const out = ['## Since the previous run', '', cell(historyHeadline(h))];
  for (const s of SECTIONS) {
    const items = h[s.key];
    if (items.length === 0) continue;
    out.push('', `### ${s.title} (${items.length})`, '');
    if (s.key === 'newFailures' || s.key === 'stillFailing') {
      // By cause, as the failures above: one line per cause, its cases folded.
      for (const { group, changes } of changeGroups(items).slice(0, MAX_ITEMS)) {
        if (changes.length === 1) out.push(`- ${cell(caseLabel(changes[0]!))} (${cell(changeDetail(s.key, changes[0]!))})${changes[0]!.message && s.key === 'newFailures' ? `: ${cell(changes[0]!.message)}` : ''}`);
        else out.push(`- ${cell(groupTitle(group))}`);
      }
      continue;
    }
    for (const c of items.slice(0, MAX_ITEMS)) {
      const message = c.message && s.key === 'flaky' ? `: ${cell(c.message)}` : '';
      out.push(`- ${cell(caseLabel(c))} (${cell(changeDetail(s.key, c))})${message}`);
    }
    if (items.length > MAX_ITEMS) out.push(`- … and ${items.length - MAX_ITEMS} more (index.html; results.json \`history.${s.key}\`)`);
  }
  if (h.trend.length >= 2) {
    out.push('', `### Trend over the last ${h.trend.length} runs`, '', '| run | started | passed | failed | skipped | provisioning failures | suite time (s) |', '|---|---|--:|--:|--:|--:|--:|');
    h.trend.forEach((p, i) =>
      out.push(`| \`${cell(p.runId)}\`${i === h.trend.length - 1 ? ' (this run)' : ''} | ${shortTime(p.startedAt)} | ${p.passed} | ${p.failed} | ${p.skipped} | ${p.provisioningFailures} | ${p.suiteSeconds.toFixed(1)} |`),
    );
  }
  if (h.skipped.length) out.push('', `<details><summary>${h.skipped.length} earlier result file(s) skipped</summary>`, '', ...h.skipped.map((s) => `- ${cell(skippedLine(s))}`), '', '</details>');
  return out;
}
