// Writes a run's load results: reports/<run>/load/<variant>.json (one file per variant, all its
// workloads), reports/<run>/load.html, and the load section of reports/<run>/summary.md.
import { mkdirSync, readFileSync, existsSync, renameSync } from 'node:fs';
import { writeOutputFile } from '../util/redact.ts';
import { join } from 'node:path';
import { LOAD_FILE_KIND, LOAD_SCHEMA_VERSION, type LoadReport, type LoadVariantFile } from '../load/report-schema.ts';
import type { BaselineComparison } from '../load/baseline.ts';
import type { VariantResult } from './results.ts';
import { renderLoadHtml } from './load-html.ts';
import { loadSummaryMarkdown, spliceLoadSection } from './load-summary-md.ts';

export interface WrittenLoadReports {
  json: string[];
  html: string;
  summary: string;
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeOutputFile(tmp, text);
  renameSync(tmp, file);
}

export function loadVariantFiles(reports: readonly LoadReport[]): LoadVariantFile[] {
  const byVariant = new Map<string, LoadReport[]>();
  for (const r of reports) byVariant.set(r.variant.name, [...(byVariant.get(r.variant.name) ?? []), r]);
  return [...byVariant].map(([variant, rs]) => ({
    schemaVersion: LOAD_SCHEMA_VERSION,
    kind: LOAD_FILE_KIND,
    runId: rs[0]!.runId,
    target: rs[0]!.target,
    variant,
    reports: rs,
  }));
}

/** `variants`: the run's variants, for the page's versions and its emulation banner (as on the summary page). */
export function writeLoadReports(runDir: string, reports: readonly LoadReport[], baseline?: BaselineComparison, variants: readonly VariantResult[] = []): WrittenLoadReports {
  const loadDir = join(runDir, 'load');
  mkdirSync(loadDir, { recursive: true });
  const json = loadVariantFiles(reports).map((f) => {
    const file = join(loadDir, `${f.variant}.json`);
    writeAtomically(file, `${JSON.stringify(f, null, 2)}\n`);
    return file;
  });
  const html = join(runDir, 'load.html');
  writeAtomically(html, renderLoadHtml(reports, baseline, variants));
  const summary = join(runDir, 'summary.md');
  const existing = existsSync(summary) ? readFileSync(summary, 'utf8') : undefined;
  writeAtomically(summary, spliceLoadSection(existing, loadSummaryMarkdown(reports, baseline)));
  return { json, html, summary };
}
