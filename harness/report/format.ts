// Text helpers every report renderer shares, so the HTML pages and the markdown summaries escape and label alike.
import type { HarnessInfo } from './results.ts';
import { describeHarness } from '../util/harness-info.ts';
import type { LoadReport } from '../load/report-schema.ts';

/** Escapes text for HTML element content and quoted attribute values. */
export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A markdown table cell: a `|` would end the cell and a newline the row (a reference's `<https://…>` stays a markdown autolink). */
export const mdCell = (s: string | number): string => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A count or rate rounded to a whole number, with thousands separators (the same in any locale). */
export const wholeNumber = (v: number): string => Math.round(v).toLocaleString('en-US');

/** A latency in milliseconds: two decimals below 10 ms, one above. */
export const latencyMs = (v: number): string => v.toFixed(v < 10 ? 2 : 1);

/** The variant as load reports name it: with its write isolation, which is what variants are compared by. */
export const variantLabel = (r: LoadReport): string => (r.variant.writeIsolation ? `${r.variant.name} (${r.variant.writeIsolation})` : r.variant.name);

/** HTML for text that may carry references written `text <https://…>` (harness/differences/references.ts): escaped, with each URL a link. */
export function linkified(s: string): string {
  return s
    .split(/<(https:\/\/[^\s<>]+)>/)
    .map((part, i) => (i % 2 === 1 ? `<a href="${esc(part)}">${esc(part)}</a>` : esc(part)))
    .join('');
}

/** An ISO time as "2026-12-02 04:35 UTC": minutes are enough to tell nightly runs apart. */
export const shortTime = (iso: string): string => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};

/** "Run <id> written by alternator-e2e 0.1.0 (commit …)", for every page and summary (results of schema 1 had no harness). */
export function writtenBy(run: { runId: string; harness?: HarnessInfo }): string {
  return `Run ${run.runId} written by ${run.harness ? describeHarness(run.harness) : 'an alternator-e2e that did not record its version (results schema 1)'}`;
}
