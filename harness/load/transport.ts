// How a load worker sends a prepared call. Two clients behind one interface: `raw` (the fast client:
// own HTTP/1.1 connections, one per lane, SigV4 by FastSigner) and `sdk` (@aws-sdk/client-dynamodb,
// for comparison). Both trust only the endpoint's CA bundle.
import type { Credentials } from '../endpoint/contract.ts';
import type { PreparedCall } from './workloads.ts';

/** Everything a worker needs to reach one datacenter. Holds the secret key: never log or report it. */
export interface LoadEndpoint {
  url: string;
  caPem?: string;
  /** Certificate name to verify (and SNI) when the URL's host is only a forwarded address. */
  servername?: string;
  credentials: Credentials;
  region: string;
}

/** Signs anyway when the variant has no credentials (authorization disabled): the client's cost stays the same. */
export const UNUSED_CREDENTIALS = { accessKeyId: 'alternator-e2e-load', secretAccessKey: 'unused-authorization-disabled' };

export interface CallOutcome {
  status: number;
  /** Set for failures: the name after `#` in `__type`, or a transport error type (Timeout, ConnectError...). */
  errorType?: string;
  /** BatchWriteItem: number of items handed back unprocessed. */
  unprocessedItems?: number;
}

/** One lane's way to send: calls on a channel never overlap. */
export interface Channel {
  call(c: PreparedCall): Promise<CallOutcome>;
  /** Connections opened so far. */
  readonly connects: number;
  close(): void;
}

export interface Transport {
  channel(): Channel;
  close(): void;
}

export type ClientKind = 'raw' | 'sdk';
export const CLIENT_KINDS: readonly ClientKind[] = ['raw', 'sdk'];

/** `__type` from a DynamoDB JSON error body (e.g. `com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException`). */
export function errorTypeOf(status: number, body: string): string {
  const m = /"__type"\s*:\s*"([^"]*)"/.exec(body);
  if (!m) return `HTTP${status}`;
  const t = m[1]!;
  return t.slice(t.lastIndexOf('#') + 1) || `HTTP${status}`;
}

/** Requests in a BatchWriteItem answer's UnprocessedItems (per table, a list of requests). */
export function unprocessedCount(items: Record<string, unknown[]> | undefined): number {
  return Object.values(items ?? {}).reduce((n, l) => n + l.length, 0);
}

/** unprocessedCount of a raw BatchWriteItem answer; the common empty answer is not parsed. */
export function countUnprocessed(body: string): number {
  if (!body.includes('PutRequest') && !body.includes('DeleteRequest')) return 0;
  try {
    return unprocessedCount((JSON.parse(body) as { UnprocessedItems?: Record<string, unknown[]> }).UnprocessedItems);
  } catch {
    return 0;
  }
}
