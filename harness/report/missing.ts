// `report diff`: the results run A has and run B lacks, so a nightly that silently stopped running a suite or a
// variant cannot diff clean. Counted in test cases and listed by group: whole variants first, then suite files of a
// variant both runs have, then single cases of a suite file both runs have. Pure: it reads results.
import type { ComparableRun } from './compare.ts';
import { mdCell } from './format.ts';

export interface MissingVariant {
  variant: string;
  /** Test cases and suite files A had for it. */
  cases: number;
  suites: number;
  /** Why B has no result for it: absent from B, or B's provisioning status (failed, not-applicable, interrupted). */
  inB: string;
}

export interface MissingSuite {
  variant: string;
  suite: string;
  cases: number;
}

export interface MissingCase {
  variant: string;
  suite: string;
  name: string;
}

export interface MissingResults {
  /** Test cases of A without a result in B, all groups together. */
  total: number;
  variants: MissingVariant[];
  suites: MissingSuite[];
  cases: MissingCase[];
}

export function missingResults(a: ComparableRun, b: ComparableRun): MissingResults {
  const out: MissingResults = { total: 0, variants: [], suites: [], cases: [] };
  const bVariants = new Map(b.variants.map((v) => [v.name, v]));
  for (const va of a.variants) {
    const vb = bVariants.get(va.name);
    const aCases = va.suites.reduce((n, s) => n + s.cases.length, 0);
    if (!vb || (vb.suites.length === 0 && va.suites.length > 0)) {
      // A variant neither run deployed is not a vanished result.
      if (!vb || va.suites.length > 0) {
        out.variants.push({ variant: va.name, cases: aCases, suites: va.suites.length, inB: vb ? `in B: ${vb.provisioning?.status ?? 'no suite ran'}` : 'not in B' });
        out.total += aCases;
      }
      continue;
    }
    const bSuites = new Map(vb.suites.map((s) => [s.suite, s]));
    for (const sa of va.suites) {
      const sb = bSuites.get(sa.suite);
      if (!sb) {
        out.suites.push({ variant: va.name, suite: sa.suite, cases: sa.cases.length });
        out.total += sa.cases.length;
        continue;
      }
      const bNames = new Set(sb.cases.map((c) => c.name));
      for (const c of sa.cases)
        if (!bNames.has(c.name)) {
          out.cases.push({ variant: va.name, suite: sa.suite, name: c.name });
          out.total++;
        }
    }
  }
  return out;
}

export const anyMissing = (m: MissingResults): boolean => m.total > 0 || m.variants.length > 0 || m.suites.length > 0;

export function missingHeadline(m: MissingResults): string {
  if (!anyMissing(m)) return 'Missing from B: nothing (every variant, suite file and case of A has a result in B)';
  return `Missing from B: ${m.total} result(s) of A: ${m.variants.length} variant(s), ${m.suites.length} suite file(s), ${m.cases.length} single case(s)`;
}

/** The groups as lines, each list capped at `limit` (the JSON output has them all). */
export function missingLines(m: MissingResults, limit = 50): string[] {
  const out = [missingHeadline(m)];
  const list = <T>(title: string, items: T[], line: (x: T) => string) => {
    if (items.length === 0) return;
    out.push('', `${title} (${items.length}):`, ...items.slice(0, limit).map((x) => `  ? ${line(x)}`));
    if (items.length > limit) out.push(`  … and ${items.length - limit} more (--json lists them all)`);
  };
  list('Variants without results in B', m.variants, (v) => `${v.variant}: ${v.cases} case(s) in ${v.suites} suite file(s) in A; ${v.inB}`);
  list('Suite files without results in B', m.suites, (s) => `${s.variant} ${s.suite}: ${s.cases} case(s) in A`);
  list('Cases without a result in B', m.cases, (c) => `${c.variant} ${c.suite} › ${c.name}`);
  return out;
}

export function missingMarkdown(m: MissingResults, limit = 25): string[] {
  if (!anyMissing(m)) return [`**${mdCell(missingHeadline(m))}**`];
  const out = [`**${mdCell(missingHeadline(m))}**`, '', '| missing from B | count | results of A |', '|---|--:|--:|'];
  out.push(`| variants | ${m.variants.length} | ${m.variants.reduce((n, v) => n + v.cases, 0)} |`);
  out.push(`| suite files | ${m.suites.length} | ${m.suites.reduce((n, s) => n + s.cases, 0)} |`);
  out.push(`| single cases | ${m.cases.length} | ${m.cases.length} |`);
  const list = <T>(title: string, items: T[], line: (x: T) => string) => {
    if (items.length === 0) return;
    out.push('', `<details><summary>${title} (${items.length})</summary>`, '', ...items.slice(0, limit).map((x) => `- ${mdCell(line(x))}`));
    if (items.length > limit) out.push(`- … and ${items.length - limit} more (\`report diff --json\`)`);
    out.push('', '</details>');
  };
  list('Variants', m.variants, (v) => `${v.variant}: ${v.cases} case(s) in ${v.suites} suite file(s); ${v.inB}`);
  list('Suite files', m.suites, (s) => `${s.variant} ${s.suite}: ${s.cases} case(s)`);
  list('Cases', m.cases, (c) => `${c.variant} ${c.suite} › ${c.name}`);
  return out;
}
