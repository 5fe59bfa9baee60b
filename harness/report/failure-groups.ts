// Failures grouped by cause, the one grouping the console, summary.md, the summary page, `report diff` and the
// GitHub annotations read. A failure's cause (its signature) is the error type, its first message line with the
// values normalised away (numbers, quoted strings, table names, ids, times), and the suite file: the 78 failures of
// one condition-handling bug on 2 variants are ONE group, "39 cases × 2 variants: expected
// ConditionalCheckFailedException, but the request succeeded (api/condition-expressions)". Pure: reads results.
import type { CaseResult, EscapedError, RunResult, SuiteResult } from './results.ts';
import { DIFFERENCES } from '../differences/registry.ts';
import { describeFirst, describeRange } from '../differences/versions.ts';
import { formatReference } from '../differences/references.ts';

/** One failure, wherever it comes from (a failed case, a suite file error, an escaped error, a history entry). */
export interface FailureItem {
  variant: string;
  suite: string;
  /** The case's name; "(suite file)" for a file or hook error; the suite file for an escaped error. */
  name: string;
  /** The failure message (its first line is what groups). */
  message: string;
  /** The error's class name, when known (AssertionError, TypeError…). */
  type?: string;
  /** Documented differences the case consulted that hold for other versions (CaseFailure.differencesElsewhere). */
  differencesElsewhere?: readonly string[];
  /** What it was read from, when from a run's results (renderers link to and detail it). */
  source?: CaseResult | SuiteResult | EscapedError;
}

/** A documented difference a group may be: it holds for another version range than the one that failed. */
export interface KnownElsewhere {
  id: string;
  /** "known in scylladb 4.0.0 up to 2025.3.0 (exclusive), fixed in 2025.3.0" */
  versions: string;
  references: string[];
}

export interface FailureGroup {
  signature: string;
  type: string;
  /** The first message line of the group's first failure, as it was (values included). */
  message: string;
  /** Whether the members' messages differ in their values (they share the normalised form). */
  valuesVary: boolean;
  suite: string;
  /** Distinct case names and variants the group spans. */
  cases: number;
  variants: string[];
  items: FailureItem[];
  knownElsewhere: KnownElsewhere[];
}

const firstLine = (s: string) => (s.split('\n')[0] ?? '').trim();

/**
 * The message with what varies between occurrences of one cause replaced: ANSI colours dropped; UUIDs, ISO times,
 * harness table names (alte2e_<hash>_…), long hex runs, quoted strings and numbers become placeholders.
 */
export function normaliseMessage(message: string): string {
  return firstLine(message)
    .replace(/\u001b\[[0-9;]*m/g, '')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>')
    .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?\b/g, '<time>')
    .replace(/\balte2e_[0-9a-f]+_[A-Za-z0-9_.-]*/g, '<table>')
    .replace(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, '<hex>')
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
    .replace(/-?\b\d+(\.\d+)?(e[+-]?\d+)?\b/gi, 'N')
    .replace(/\s+/g, ' ');
}

export function signatureOf(f: FailureItem): string {
  return [f.type ?? 'Error', normaliseMessage(f.message), f.suite].join('\u001f');
}

/** Groups failures by signature, largest first (then by suite and message, so the order is stable). */
export function groupFailures(items: readonly FailureItem[]): FailureGroup[] {
  const bySignature = new Map<string, FailureItem[]>();
  for (const f of items) {
    const sig = signatureOf(f);
    const list = bySignature.get(sig);
    if (list) list.push(f);
    else bySignature.set(sig, [f]);
  }
  const groups = [...bySignature].map(([signature, members]): FailureGroup => {
    const first = members[0]!;
    const message = firstLine(first.message);
    return {
      signature,
      type: first.type ?? 'Error',
      message,
      valuesVary: members.some((m) => firstLine(m.message) !== message),
      suite: first.suite,
      cases: new Set(members.map((m) => m.name)).size,
      variants: [...new Set(members.map((m) => m.variant))],
      items: members,
      knownElsewhere: knownElsewhere(members),
    };
  });
  return groups.sort((a, b) => b.items.length - a.items.length || a.suite.localeCompare(b.suite) || a.message.localeCompare(b.message));
}

/** Every failure of a run: failed cases, suite file errors and escaped errors. */
export function runFailures(run: RunResult): FailureItem[] {
  const out: FailureItem[] = [];
  for (const v of run.variants)
    for (const s of v.suites) {
      if (s.error) out.push({ variant: v.name, suite: s.suite, name: '(suite file)', message: s.error, type: 'SuiteError', source: s });
      for (const c of s.cases)
        if (c.status === 'failed')
          out.push({
            variant: v.name,
            suite: s.suite,
            name: c.name,
            // A limitation found lifted under --fail-on-lifted fails with its reason, not an error.
            message: c.failure?.message ?? c.reason ?? c.outcome,
            ...(c.failure?.type ? { type: c.failure.type } : c.outcome === 'limitation-lifted' ? { type: 'LimitationLifted' } : c.outcome === 'documentation-differs' ? { type: 'DocumentationDiffers' } : {}),
            ...(c.failure?.differencesElsewhere?.length ? { differencesElsewhere: c.failure.differencesElsewhere } : {}),
            source: c,
          });
    }
  for (const e of run.escapedErrors ?? [])
    out.push({ variant: 'run', suite: e.file ?? 'unknown suite file', name: e.test ?? e.file ?? 'unknown suite file', message: e.message, type: 'EscapedError', source: e });
  return out;
}

export const runFailureGroups = (run: RunResult): FailureGroup[] => groupFailures(runFailures(run));

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "39 cases × 2 variants" */
export const groupSize = (g: FailureGroup): string => `${plural(g.cases, 'case')} × ${plural(g.variants.length, 'variant')}`;

/**
 * "39 cases × 2 variants: expected ConditionalCheckFailedException, but the request succeeded (api/condition-expressions)";
 * errors that escaped every test are counted as such ("1 escaped error: … (api/items.test.ts)").
 */
export const groupTitle = (g: FailureGroup): string =>
  `${g.type === 'EscapedError' ? plural(g.items.length, 'escaped error') : groupSize(g)}: ${g.message}${g.valuesVary ? ' (values vary)' : ''} (${g.suite})`;

/** "known in scylladb 4.0.0 up to 2025.3.0 (exclusive), fixed in 2025.3.0: <reference>" */
export const knownLine = (k: KnownElsewhere): string => `${k.id}: ${k.versions}: ${k.references.join('; ')}`;

/** Differences every member consulted (a difference only some consulted does not explain the whole group). */
function knownElsewhere(members: readonly FailureItem[]): KnownElsewhere[] {
  const [first, ...rest] = members;
  const ids = (first?.differencesElsewhere ?? []).filter((id) => rest.every((m) => m.differencesElsewhere?.includes(id)));
  return [...new Set(ids)].flatMap((id) => {
    const d = DIFFERENCES.find((x) => x.id === id);
    if (!d) return [];
    const until = d.holds.until === undefined ? undefined : describeFirst(d.holds.product, d.holds.until);
    // The range already names the backports; "fixed in" names the release that has the fix everywhere after it.
    const fixed = until ? `, fixed in ${until.mainline}` : '';
    return [{ id, versions: `known in ${describeRange(d.holds)}${fixed}`, references: d.references.map(formatReference) }];
  });
}
