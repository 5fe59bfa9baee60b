// The load section of reports/<run>/summary.md (GitHub job summary markdown).
import { topLevelOperations } from '../load/merge.ts';
import type { LoadReport } from '../load/report-schema.ts';
import type { BaselineComparison } from '../load/baseline.ts';
import { mdCell as cell, latencyMs as ms, variantLabel, wholeNumber as num } from './format.ts';

export const LOAD_SECTION_BEGIN = '<!-- alternator-e2e:load:begin -->';
export const LOAD_SECTION_END = '<!-- alternator-e2e:load:end -->';

export function loadSummaryMarkdown(reports: readonly LoadReport[], comparison?: BaselineComparison): string {
  const out: string[] = ['## Load', ''];
  if (reports.length === 0) return [...out, 'No load report in this run.', ''].join('\n');
  out.push('| variant | workload | operation | ops/s | errors | p50 ms | p99 ms | p99.9 ms | max ms |', '|---|---|---|--:|--:|--:|--:|--:|--:|');
  for (const r of reports) {
    const v = variantLabel(r);
    for (const op of topLevelOperations(Object.keys(r.operations))) {
      const o = r.operations[op]!;
      out.push(`| ${cell(v)} | ${cell(r.workload)} | ${cell(op)} | ${num(o.throughput)} | ${num(o.errorCount)} | ${ms(o.latencyMs.p50)} | ${ms(o.latencyMs.p99)} | ${ms(o.latencyMs.p999)} | ${ms(o.latencyMs.max)} |`);
    }
  }
  const warnings = reports.flatMap((r) => r.warnings.map((w) => `- ${cell(r.variant.name)} · ${cell(r.workload)}: ${cell(w)}`));
  if (warnings.length) out.push('', '**Warnings**', '', ...warnings);
  if (comparison) {
    const c = comparison;
    out.push('', `### Compared with baseline (${cell(c.baselineRunIds.join(', ') || c.baselinePath)})`, '');
    out.push(`${c.comparedPairs} variant/workload pair(s) compared, ${c.incomparable.length} incomparable (measured differently: not compared).`, '');
    if (c.comparedPairs === 0) out.push('**Nothing was compared**: no pair of this run was measured as its baseline was; this comparison cannot pass a gate.');
    else if (c.regressions.length === 0) out.push(`No regression beyond thresholds (throughput −${c.thresholds.throughputDropPct}%, p99 +${c.thresholds.p99RisePct}%).`);
    else {
      out.push(`**${c.regressions.length} regression(s)**`, '', '| variant | workload | operation | why |', '|---|---|---|---|');
      for (const r of c.regressions) out.push(`| ${cell(r.variant)} | ${cell(r.workload)} | ${cell(r.operation)} | ${cell(r.reasons.join('; '))} |`);
    }
    const other = c.rows.filter((r) => r.status === 'incomparable' || r.status === 'missing' || r.status === 'new');
    if (other.length) out.push('', ...other.map((r) => `- ${cell(r.variant)} · ${cell(r.workload)} · ${cell(r.operation)}: ${r.status} (${cell(r.reasons.join('; '))})`));
  }
  out.push('', 'Details: `load.html` in the run\'s reports.', '');
  return out.join('\n');
}

/** Puts the load section into an existing summary (replacing an earlier load section) or starts one. */
export function spliceLoadSection(existing: string | undefined, section: string): string {
  const block = `${LOAD_SECTION_BEGIN}\n${section.trimEnd()}\n${LOAD_SECTION_END}\n`;
  if (!existing) return block;
  const b = existing.indexOf(LOAD_SECTION_BEGIN);
  const e = existing.indexOf(LOAD_SECTION_END);
  if (b >= 0 && e > b) return existing.slice(0, b) + block + existing.slice(e + LOAD_SECTION_END.length).replace(/^\n/, '');
  return `${existing.trimEnd()}\n\n${block}`;
}
