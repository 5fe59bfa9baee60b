// How a run's suite files become vitest projects. Each variant has one project for the files that share its
// deployment (they run side by side), and one project per file that runs alone (suites.ts RUNS_ALONE_MARK), each in a
// sequence group of its own: vitest runs groups one after the other, so such a file starts once every shared file of
// every variant has finished and nothing else runs while it does (one variant, one file at a time).
import type { SuiteFile } from './suites.ts';

const ALONE = ' / runs alone: ';

export interface ProjectPlan {
  name: string;
  variant: string;
  files: string[];
  /** vitest's sequence.groupOrder: 0 for the shared files, then one group per (file that runs alone, variant). */
  groupOrder: number;
}

export function planProjects(variants: readonly string[], suites: readonly SuiteFile[]): ProjectPlan[] {
  const shared = suites.filter((s) => !s.runsAlone).map((s) => s.file);
  const alone = suites.filter((s) => s.runsAlone);
  const plans: ProjectPlan[] = shared.length ? variants.map((variant) => ({ name: variant, variant, files: shared, groupOrder: 0 })) : [];
  let group = 1;
  for (const s of alone) for (const variant of variants) plans.push({ name: `${variant}${ALONE}${s.id}`, variant, files: [s.file], groupOrder: group++ });
  return plans;
}

/** The variant a project runs (its name, less the file it runs alone). */
export function variantOfProject(name: string): string {
  const i = name.indexOf(ALONE);
  return i < 0 ? name : name.slice(0, i);
}
