// The words of the run comparison, shared by the console, `report diff`, summary.md and the summary page, so
// each list reads the same everywhere. New failures come first: they are what a nightly reader looks for.
import type { CaseChange, RunHistory } from './compare.ts';
import { shortTime } from './format.ts';
import { groupFailures, groupTitle, type FailureGroup } from './failure-groups.ts';

export type SectionKey = 'newFailures' | 'stillFailing' | 'fixed' | 'flaky' | 'changed' | 'notRun';

export const SECTIONS: ReadonlyArray<{ key: SectionKey; title: string; marker: string }> = [
  { key: 'newFailures', title: 'New failures', marker: '+' },
  { key: 'stillFailing', title: 'Still failing', marker: '=' },
  { key: 'fixed', title: 'Fixed', marker: '-' },
  { key: 'flaky', title: 'Flaky', marker: '~' },
  { key: 'changed', title: 'Changed outcome', marker: '*' },
  { key: 'notRun', title: 'Failing before, not run this time', marker: '?' },
];

/** "variant suite › case", as the console names failures. */
export const caseLabel = (c: Pick<CaseChange, 'variant' | 'suite' | 'name'>): string => `${c.variant} ${c.suite} › ${c.name}`;

const inRun = (c: CaseChange) => (c.previousRunId ? ` in run ${c.previousRunId}` : '');

/** What the list item says beside the case name. */
export function changeDetail(key: SectionKey, c: CaseChange): string {
  switch (key) {
    case 'newFailures':
      // A limitation found lifted under --fail-on-lifted fails with its own outcome: say which.
      return `${c.previous ? `was ${c.previous}${inRun(c)}` : 'no earlier run had this case'}${c.outcome && c.outcome !== 'failed' ? `, ${c.outcome} now` : ''}`;
    case 'stillFailing':
      return c.since ? `since run ${c.since.runId} (${shortTime(c.since.startedAt)})${c.since.orEarlier ? ' or earlier' : ''}` : 'still failing';
    case 'fixed':
      return `was ${c.previous}${inRun(c)}, ${c.outcome} now`;
    case 'flaky':
      return `${c.outcome} now; last ${c.recent?.length ?? 0} runs that had it: ${(c.recent ?? []).join(' → ')}`;
    case 'changed':
      return `${c.previous}${inRun(c)} → ${c.outcome} now`;
    case 'notRun':
      return `${c.previous}${inRun(c)}, not in this run`;
  }
}

/** "2 new failure(s), 0 still failing, …": the size of every list. */
export function historyCounts(h: RunHistory): string {
  const n = (k: SectionKey) => h[k].length;
  return (
    `${n('newFailures')} new failure(s), ${n('stillFailing')} still failing, ${n('fixed')} fixed, ${n('flaky')} flaky, ${n('changed')} changed, ${n('notRun')} not run; ` +
    `${h.unchanged} unchanged, ${h.added} new case(s)`
  );
}

export function historyHeadline(h: RunHistory): string {
  const prev = h.comparedWith[0];
  if (!prev) return 'No earlier run of this profile and target to compare with.';
  return `Compared with ${h.comparedWith.length} earlier run(s) (previous ${prev.runId}, ${shortTime(prev.startedAt)}): ${historyCounts(h)}`;
}

/** One line per skipped history file: its path, run id when known, and why. */
export const skippedLine = (s: RunHistory['skipped'][number]): string => `${s.source}${s.runId ? ` (run ${s.runId})` : ''}: ${s.reason}`;

/** The whole comparison as plain text (`report diff`); at most `limit` cases per list. */
export function historyReportLines(h: RunHistory, o: { headline?: string; limit?: number } = {}): string[] {
  const limit = o.limit ?? 200;
  const out = [o.headline ?? historyHeadline(h)];
  for (const s of SECTIONS) {
    const items = h[s.key];
    if (items.length === 0) continue;
    out.push('', `${s.title} (${items.length}):`);
    for (const c of items.slice(0, limit)) {
      out.push(`  ${s.marker} ${caseLabel(c)}  (${changeDetail(s.key, c)})`);
      if (c.message && (s.key === 'newFailures' || s.key === 'flaky')) out.push(`      ${c.message}`);
    }
    if (items.length > limit) out.push(`  … and ${items.length - limit} more`);
  }
  return out;
}

/**
 * The entries of a failing list (new failures, still failing) grouped by cause as the run's failures are: a group of
 * one case stays that case's own line; a bigger group is one line, "39 cases × 2 variants: <message> (<suite>)".
 */
export function changeGroups(items: readonly CaseChange[]): Array<{ group: FailureGroup; changes: CaseChange[] }> {
  const groups = groupFailures(items.map((c) => ({ variant: c.variant, suite: c.suite, name: c.name, message: c.message ?? c.outcome ?? 'failed' })));
  const bySignatureOrder = groups.map((g) => ({ group: g, changes: g.items.map((i) => items.find((c) => c.variant === i.variant && c.suite === i.suite && c.name === i.name)!) }));
  return bySignatureOrder;
}

const CONSOLE_SKIPPED = 10;
const CONSOLE_NEW = 20;

/** What a run prints at its end: skipped history files, the headline, and the new failures by name. */
export function historyConsoleLines(h: RunHistory): string[] {
  const out = h.skipped.slice(0, CONSOLE_SKIPPED).map((s) => `History: skipped ${skippedLine(s)}`);
  if (h.skipped.length > CONSOLE_SKIPPED) out.push(`History: … ${h.skipped.length - CONSOLE_SKIPPED} more skipped file(s), listed in results.json (history.skipped)`);
  out.push(`History: ${historyHeadline(h)}`);
  const groups = changeGroups(h.newFailures);
  for (const { group, changes } of groups.slice(0, CONSOLE_NEW))
    out.push(changes.length === 1 ? `  + NEW FAIL ${caseLabel(changes[0]!)}  (${changeDetail('newFailures', changes[0]!)})` : `  + NEW FAIL ${groupTitle(group)}`);
  if (groups.length > CONSOLE_NEW) out.push(`  … and ${groups.length - CONSOLE_NEW} more cause(s) (summary.md, index.html)`);
  for (const c of h.flaky.slice(0, CONSOLE_NEW)) out.push(`  ~ FLAKY ${caseLabel(c)}  (${changeDetail('flaky', c)})`);
  if (h.flaky.length > CONSOLE_NEW) out.push(`  … and ${h.flaky.length - CONSOLE_NEW} more (summary.md, index.html)`);
  return out;
}
