// The HTTP surface around the DynamoDB API, as ScyllaDB's own suite checks it: CORS (test/alternator/test_cors.py),
// the health check on the root path only (test_health.py), the headers of every answer (test_manual_requests.py
// test_content_type, and the Server header that 2026.3 makes optional: HEAD test_http_headers.py) and
// DescribeEndpoints (test_describe_endpoints.py). Alternator: alternator/server.cc handle_CORS, health_handler,
// options_handler, server::set_routes; alternator/executor.cc executor::describe_endpoints.
import { describe, it, expect, afterAll } from 'vitest';
import { endpoint, client, requireFeature, requirePromise, differenceApplies, DynamoClient } from '../../harness/suite-kit/index.ts';

const CORS_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-expose-headers',
  'access-control-max-age',
  'access-control-allow-methods',
  'access-control-allow-headers',
];
const METHODS = ['OPTIONS', 'GET', 'POST'] as const;
/** RFC 7231 IMF-fixdate, what both Seastar and DynamoDB send. */
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

describe('http surface', () => {
  const e = endpoint();
  const c = client();
  afterAll(() => c.close());

  describe('CORS (test_cors.py)', () => {
    it('without Origin, no answer carries a CORS header: OPTIONS, GET and POST on / (test_cors_not_used)', async () => {
      for (const m of METHODS) {
        const r = await c.request(m, '/');
        for (const h of CORS_HEADERS) expect(r.headers[h], `${m} ${h}`).toBeUndefined();
      }
    });

    it('with Origin, every answer allows any origin and exposes the DynamoDB headers; only the preflight carries Max-Age (test_cors_allow_origin)', async (ctx) => {
      requireFeature(ctx, 'cors');
      for (const m of METHODS) {
        // POST / without a signature is an error answer: CORS headers are added to those too (server.cc api_handler::handle).
        const r = await c.request(m, '/', { origin: 'http://example.com/' });
        expect(r.headers['access-control-allow-origin'], m).toBe('*');
        // server.cc handle_CORS sends DynamoDB's own list.
        expect(r.headers['access-control-expose-headers'], m).toBe('x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date');
        expect(r.headers['access-control-allow-credentials'], m).toBeUndefined();
        if (m === 'OPTIONS') expect(r.headers['access-control-max-age']).toBe('7200');
        else expect(r.headers['access-control-max-age'], m).toBeUndefined();
      }
    });

    it('a preflight echoes the requested method and headers as allowed; GET and POST do not (test_cors_allow_requested)', async (ctx) => {
      requireFeature(ctx, 'cors');
      const asked = { origin: 'http://example.com/', 'access-control-request-method': 'dog', 'access-control-request-headers': 'cat, meerkat, mouse' };
      for (const m of METHODS) {
        const r = await c.request(m, '/', asked);
        expect(r.headers['access-control-allow-origin'], m).toBe('*');
        if (m === 'OPTIONS') {
          expect(r.status).toBe(200);
          expect(r.headers['access-control-allow-methods']).toBe('dog');
          expect(r.headers['access-control-allow-headers']).toBe('cat, meerkat, mouse');
        } else {
          for (const h of ['access-control-allow-methods', 'access-control-allow-headers', 'access-control-max-age']) expect(r.headers[h], `${m} ${h}`).toBeUndefined();
        }
      }
    });
  });

  describe('health check (test_health.py)', () => {
    it('GET / answers "healthy: <the Host the client addressed>" without credentials (test_health_works)', async (ctx) => {
      requireFeature(ctx, 'health-check');
      const r = await c.request('GET', '/');
      expect(r.status).toBe(200);
      expect(r.text.trim()).toBe(`healthy: ${c.hostHeader()}`);
    });

    it('only the root path is the health check: GET /abc, /- and /index.htm answer 400-404 (test_health_only_works_for_root_path)', async () => {
      for (const path of ['/abc', '/-', '/index.htm']) {
        const r = await c.request('GET', path);
        expect(r.status, path).toBeGreaterThanOrEqual(400);
        expect(r.status, path).toBeLessThanOrEqual(404);
      }
    });
  });

  describe('response headers', () => {
    it('a successful answer is application/x-amz-json-1.0, dated (test_content_type)', async () => {
      const r = await c.raw('ListTables', { Limit: 1 });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/x-amz-json-1.0');
      expect(r.headers.date).toMatch(HTTP_DATE);
    });

    // Seastar's HTTP server names itself up to 2026.2 (9fb67e3e96 reverted the stripping on 2026.2); from 2026.3
    // (6b2fce03f9) there is no Server header unless alternator_http_response_server_header sets one.
    it('the Server header is the one the version sends: "Seastar httpd" up to 2026.2, none from 2026.3 (test_http_headers.py)', async (ctx) => {
      const seastar = differenceApplies('alternator-server-header-seastar');
      requirePromise(ctx, seastar || differenceApplies('alternator-server-header-optional'), "DynamoDB's Server header is not documented");
      const r = await c.raw('ListTables', { Limit: 1 });
      if (seastar) expect(r.headers.server).toBe('Seastar httpd');
      else expect(r.headers.server).toBeUndefined();
    });
  });

  describe('DescribeEndpoints (test_describe_endpoints.py)', () => {
    it('answers exactly one endpoint, cached 1440 minutes, which a client can use (test_describe_endpoints)', async (ctx) => {
      requireFeature(ctx, 'describe-endpoints');
      const r = await c.call<{ Endpoints: Array<{ Address: string; CachePeriodInMinutes: number }> }>('DescribeEndpoints', {});
      expect(r.Endpoints).toHaveLength(1);
      const [only] = r.Endpoints;
      expect(only!.CachePeriodInMinutes).toBe(1440);
      expect(typeof only!.Address).toBe('string');
      // Alternator (alternator_describe_endpoints unset, the operator's default) echoes the Host header it was sent.
      if (e.apiProfile === 'alternator') expect(only!.Address).toBe(c.hostHeader());
      // A client addressed to it. When it is the Host this client sends, it may name the verified server behind a
      // forwarded address, reachable only the way this client goes: that client then is the one to use.
      const dc = e.datacenters[0]!;
      const there =
        only!.Address === c.hostHeader()
          ? client()
          : new DynamoClient({ url: `${new URL(dc.httpsUrl).protocol}//${only!.Address}`, caPem: dc.caBundlePem || undefined, credentials: dc.credentials, region: e.region });
      try {
        expect((await there.call<{ Endpoints: unknown[] }>('DescribeEndpoints', {})).Endpoints).toHaveLength(1);
      } finally {
        there.close();
      }
    });
  });
});
