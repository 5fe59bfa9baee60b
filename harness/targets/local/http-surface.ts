// The HTTP surface of Alternator's server around the API itself, as the local front door reproduces it: CORS headers
// (alternator/server.cc handle_CORS), the HTTP server's own headers (Seastar's connection::set_headers) and the
// DescribeEndpoints answer (alternator/executor.cc executor::describe_endpoints).
import type http from 'node:http';
import { emulates } from './emulations.ts';

/** The headers a DynamoDB client script may read from a cross-origin answer: DynamoDB's list, as server.cc sends it. */
const EXPOSED_HEADERS = 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date';

/**
 * server.cc handle_CORS: nothing without Origin; with it, any origin is allowed and the DynamoDB headers exposed; a
 * preflight (OPTIONS) also echoes the requested headers and method and lets the browser cache that for 7200 s.
 */
export function corsHeaders(req: http.IncomingMessage, preflight: boolean): Record<string, string> {
  if (!req.headers.origin) return {};
  emulates('cors');
  const h: Record<string, string> = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': EXPOSED_HEADERS };
  if (preflight) {
    const headers = req.headers['access-control-request-headers'];
    const method = req.headers['access-control-request-method'];
    if (typeof headers === 'string' && headers) h['Access-Control-Allow-Headers'] = headers;
    if (typeof method === 'string' && method) h['Access-Control-Allow-Methods'] = method;
    h['Access-Control-Max-Age'] = '7200';
  }
  return h;
}

/**
 * Seastar's HTTP server names itself on every answer up to ScyllaDB 2026.2 (connection::set_headers); from 2026.3 the
 * header is gone unless configured (alternator_http_response_server_header). Node adds Date itself, as Seastar does.
 */
export function serverHeaders(seastarServerHeader: boolean): Record<string, string> {
  emulates('server-header');
  return seastarServerHeader ? { Server: 'Seastar httpd' } : {};
}

/**
 * executor::describe_endpoints with alternator_describe_endpoints unset: the one endpoint is the Host the client
 * addressed, cached for a day; no Host header is a ValidationException.
 */
export function describeEndpoints(host: string | undefined): { ok: true; body: Record<string, unknown> } | { ok: false; message: string } {
  emulates('describe-endpoints');
  if (!host) return { ok: false, message: "DescribeEndpoints needs a 'Host:' header in request" };
  return { ok: true, body: { Endpoints: [{ Address: host, CachePeriodInMinutes: 1440 }] } };
}
