// How HTTP servers refuse a request body they will not read (over 16 MB): they answer early and close the connection
// while the client is still sending. A client then sees the answer's status, or only the reset (EPIPE / ECONNRESET)
// when it overtook the answer (scylladb#12166; ScyllaDB's own test_manual_requests.py test_too_large_request_chunked
// and test_too_large_request_content_length accept a ConnectionError for that reason, scylla-2026.2.4). One rule for
// every suite that sends an oversized body: the status when one was read, else the reset while sending.
import { BodyRefusedByReset, type RawResponse } from '../client/dynamo-client.ts';

export type BodyOutcome =
  /** The server answered; `closedWhileSending`: before it had read the whole body. */
  | { status: number; text: string; closedWhileSending: boolean }
  /** The server closed the connection while the body was still being sent, and no answer could be read. */
  | { resetWhileSending: string };

/** The server's answer to an oversized body; any other failure (a reset after the whole body was sent) is thrown. */
export async function bodyOutcome(sent: Promise<RawResponse>): Promise<BodyOutcome> {
  try {
    const r = await sent;
    return { status: r.status, text: r.text, closedWhileSending: r.closedWhileSending === true };
  } catch (e) {
    if (e instanceof BodyRefusedByReset) return { resetWhileSending: e.code };
    throw e;
  }
}

/** How the outcome reads in a report. */
export function describeBodyOutcome(o: BodyOutcome): string {
  if ('resetWhileSending' in o) return `refused: the connection was closed (${o.resetWhileSending}) while the body was still being sent, before an answer could be read`;
  return `answered HTTP ${o.status}${o.closedWhileSending ? ', then closed the connection while the body was still being sent' : ''}`;
}
