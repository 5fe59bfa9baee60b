// What a test case sent and got, kept cheaply so a failed case can show its requests and answers and be replayed
// without the harness. The DynamoDB client records every exchange into the ring of the case it runs in (an
// AsyncLocalStorage store, so concurrent tests keep theirs apart); the ring is bounded, and a passing case's ring is
// dropped with the case. Everything is redacted when recorded: nothing unredacted is ever kept.
import { AsyncLocalStorage } from 'node:async_hooks';
import { REDACTED, redact, redactSecrets } from '../util/redact.ts';

export interface RecordedRequest {
  method: string;
  /** Full URL: origin and path. */
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The body was longer than the limit: `body` holds its start only. */
  bodyTruncated?: { keptBytes: number; totalBytes: number };
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  bodyTruncated?: { keptBytes: number; totalBytes: number };
}

export interface Exchange {
  request: RecordedRequest;
  /** Absent when no answer came (connection refused, reset, timeout): see `error`. */
  response?: RecordedResponse;
  error?: string;
}

/** results.json `cases[].evidence`: see harness/report/RESULTS-SCHEMA.md. */
export interface CaseEvidence {
  /** The case's exchanges, oldest first (the last `limits.exchanges` of them). */
  exchanges: Exchange[];
  /** Exchanges the case made before those kept (the ring is bounded). */
  omitted?: number;
  /**
   * CreateTable requests made outside this case (a beforeAll, or an earlier case through useTable) for tables the
   * case used: a reproduction creates them first.
   */
  setup?: Exchange[];
}

export const EVIDENCE_LIMITS = { exchanges: 20, bodyBytes: 8 * 1024, setupTables: 20 } as const;

/** The signature of a SigV4 Authorization header; the access key id and scope stay (they are not secret). */
const SIGNATURE = /(Signature=)[0-9a-fA-F]+/g;
const SECRET_HEADERS = new Set(['x-amz-security-token', 'cookie', 'proxy-authorization']);

/**
 * Redacts one text of a request or answer: the given secrets, then what redactSecrets removes everywhere (secrets this
 * process remembered, anything shaped like a crypt(3) salted hash), then SigV4 signatures.
 */
export function redactEvidenceText(text: string, secrets: readonly string[]): string {
  return redactSecrets(redact(text, secrets.filter((s) => s.length >= 4))).replace(SIGNATURE, `$1${REDACTED}`);
}

/** A body cut to the limit, counted in UTF-8 bytes; never split inside a character. */
function bounded(text: string, limit: number): { body: string; bodyTruncated?: { keptBytes: number; totalBytes: number } } {
  const total = Buffer.byteLength(text);
  if (total <= limit) return { body: text };
  const kept = Buffer.from(text).subarray(0, limit).toString('utf8').replace(/\uFFFD$/, '');
  return { body: kept, bodyTruncated: { keptBytes: Buffer.byteLength(kept), totalBytes: total } };
}

function headerRecord(h: Record<string, string | string[] | number | undefined>, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    const text = Array.isArray(v) ? v.join(', ') : String(v);
    out[k.toLowerCase()] = SECRET_HEADERS.has(k.toLowerCase()) ? '<redacted>' : redactEvidenceText(text, secrets);
  }
  return out;
}

/** The raw exchange as the client saw it, before redaction. */
export interface RawExchange {
  method: string;
  url: string;
  headers: Record<string, string | string[] | number | undefined>;
  body?: string | Buffer;
  response?: { status: number; headers: Record<string, string | string[] | number | undefined>; body: Buffer | string };
  error?: unknown;
  /** Secrets this exchange may carry (the signing credentials' secret key). */
  secrets: readonly string[];
}

/** One case's bounded record. */
export class EvidenceRing {
  private readonly exchanges: Exchange[] = [];
  private omitted = 0;
  constructor(
    /** Secrets known for the whole case (every role's secret key of the deployment). */
    private readonly secrets: readonly string[],
    private readonly limits: { exchanges: number; bodyBytes: number } = EVIDENCE_LIMITS,
  ) {}

  record(x: RawExchange): void {
    const secrets = [...this.secrets, ...x.secrets];
    const text = (b: string | Buffer) => redactEvidenceText(typeof b === 'string' ? b : b.toString('utf8'), secrets);
    const request: RecordedRequest = { method: x.method, url: redactEvidenceText(x.url, secrets), headers: headerRecord(x.headers, secrets) };
    if (x.body !== undefined) Object.assign(request, bounded(text(x.body), this.limits.bodyBytes));
    const e: Exchange = { request };
    if (x.response) e.response = { status: x.response.status, headers: headerRecord(x.response.headers, secrets), ...bounded(text(x.response.body), this.limits.bodyBytes) };
    if (x.error !== undefined) e.error = redactEvidenceText(x.error instanceof Error ? x.error.message : String(x.error), secrets);
    this.exchanges.push(e);
    if (this.exchanges.length > this.limits.exchanges) {
      this.exchanges.shift();
      this.omitted++;
    }
  }

  snapshot(): CaseEvidence {
    return { exchanges: [...this.exchanges], ...(this.omitted ? { omitted: this.omitted } : {}) };
  }
}

const current = new AsyncLocalStorage<EvidenceRing>();
/** Successful CreateTable exchanges of the running suite file, by table name (newest last; bounded). */
const tablesOfFile = new Map<string, Exchange>();

/** Runs `fn` (one test case) with its own evidence ring. */
export function withEvidence<T>(ring: EvidenceRing, fn: () => T): T {
  return current.run(ring, fn);
}

/** A suite file starts: tables created by the previous file are no longer a reproduction's set-up. */
export function resetFileRecord(): void {
  tablesOfFile.clear();
}

const TABLE_CREATED = /"TableName"\s*:\s*"([^"]+)"/;

/** Called by the client for every exchange; costs nothing outside a case, except remembering created tables. */
export function recordExchange(x: RawExchange): void {
  const ring = current.getStore();
  if (ring) ring.record(x);
  const target = x.headers['x-amz-target'];
  if (typeof target === 'string' && target.endsWith('.CreateTable') && x.response?.status === 200 && x.body !== undefined) {
    const name = TABLE_CREATED.exec(x.body.toString())?.[1];
    if (!name) return;
    const one = new EvidenceRing([], { exchanges: 1, bodyBytes: EVIDENCE_LIMITS.bodyBytes });
    one.record(x);
    tablesOfFile.delete(name);
    tablesOfFile.set(name, one.snapshot().exchanges[0]!);
    if (tablesOfFile.size > EVIDENCE_LIMITS.setupTables) tablesOfFile.delete(tablesOfFile.keys().next().value!);
  }
}

/** Table names a request body names (TableName, or the keys of RequestItems / TransactItems' tables). */
export function tablesNamed(body: string | undefined): string[] {
  if (!body) return [];
  let j: unknown;
  try {
    j = JSON.parse(body);
  } catch {
    return [];
  }
  const out = new Set<string>();
  const walk = (v: unknown, depth: number) => {
    if (depth > 4 || !v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'TableName' && typeof x === 'string') out.add(x);
      else if (k === 'RequestItems' && x && typeof x === 'object') Object.keys(x).forEach((t) => out.add(t));
      else walk(x, depth + 1);
    }
  };
  walk(j, 0);
  return [...out];
}

/** The evidence of a failed case: its ring, with the creation of the tables it used but did not create itself. */
export function caseEvidence(ring: EvidenceRing): CaseEvidence {
  const ev = ring.snapshot();
  const createdHere = new Set(ev.exchanges.filter((e) => e.request.headers['x-amz-target']?.endsWith('.CreateTable')).flatMap((e) => tablesNamed(e.request.body)));
  const used = [...new Set(ev.exchanges.flatMap((e) => tablesNamed(e.request.body)))].filter((t) => !createdHere.has(t));
  const setup = used.flatMap((t) => (tablesOfFile.has(t) ? [tablesOfFile.get(t)!] : []));
  if (setup.length) ev.setup = setup;
  return ev;
}
