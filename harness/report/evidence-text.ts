// A failed case's requests and answers as text a person reads like an HTTP trace (the page's details block).
import type { CaseEvidence, Exchange } from '../client/evidence.ts';

function cut(t: { bodyTruncated?: { keptBytes: number; totalBytes: number } }): string {
  return t.bodyTruncated ? `\n[truncated: ${t.bodyTruncated.keptBytes} of ${t.bodyTruncated.totalBytes} bytes kept]` : '';
}

function exchangeText(e: Exchange, label: string): string {
  const r = e.request;
  const head = [`${label}: ${r.method} ${r.url}`, ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`)].join('\n');
  const answer = e.response
    ? [`→ HTTP ${e.response.status}`, ...Object.entries(e.response.headers).map(([k, v]) => `${k}: ${v}`), '', e.response.body + cut(e.response)].join('\n')
    : `→ no answer: ${e.error ?? 'unknown error'}`;
  return `${head}\n\n${(r.body ?? '') + cut(r)}\n${answer}`;
}

export function describeEvidence(ev: CaseEvidence): string {
  return [
    ...(ev.setup ?? []).map((e, i) => exchangeText(e, `set-up ${i + 1} (before the case)`)),
    ...(ev.omitted ? [`(${ev.omitted} earlier request(s) of the case not kept)`] : []),
    ...ev.exchanges.map((e, i) => exchangeText(e, `request ${i + 1}`)),
  ].join('\n\n────────\n\n');
}
