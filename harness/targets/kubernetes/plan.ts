// `plan`: the ordered steps and every manifest a run would apply, written under <reports>/<run>/plan/ for a
// reviewer, with no cluster and no Docker.
import { mkdir, rm } from 'node:fs/promises';
import { writeOutputFileAsync } from '../../util/redact.ts';
import { join } from 'node:path';
import type { PlanStep } from '../target.ts';

export interface PlanEntry extends PlanStep {
  /** A file the step applies or uses, written next to steps.md. */
  file?: { name: string; text: string };
}

export function planDir(reportsDir: string, runId: string): string {
  return join(reportsDir, runId, 'plan');
}

export async function writePlan(dir: string, title: string, entries: PlanEntry[]): Promise<PlanStep[]> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const e of entries) if (e.file) await writeOutputFileAsync(join(dir, e.file.name), e.file.text);
  await writeOutputFileAsync(join(dir, 'steps.md'), renderSteps(title, entries));
  return entries.map((e) => ({ step: e.step, ...(e.detail || e.file ? { detail: [e.detail, e.file ? `file: ${e.file.name}` : ''].filter(Boolean).join('; ') } : {}) }));
}

export function renderSteps(title: string, entries: PlanEntry[]): string {
  const lines = [`# ${title}`, ''];
  entries.forEach((e, i) => {
    lines.push(`${i + 1}. ${e.step}`);
    if (e.detail) for (const d of e.detail.split('\n')) lines.push(`   - ${d}`);
    if (e.file) lines.push(`   - applies [${e.file.name}](${e.file.name})`);
  });
  return `${lines.join('\n')}\n`;
}
