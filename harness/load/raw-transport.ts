// The fast client: one keep-alive HTTP/1.1 connection per lane, requests assembled as one string from
// a prepared body and FastSigner headers, answers parsed only as far as the status and error type.
import { Http1Connection, RequestError } from './http1-connection.ts';
import { FastSigner, CONTENT_TYPE, TARGET_PREFIX } from './fast-sigv4.ts';
import { errorTypeOf, countUnprocessed, type Channel, type LoadEndpoint, type Transport } from './transport.ts';
import type { PreparedCall } from './workloads.ts';

/** Host header as sent: the certificate name when the URL is only a forwarded address (as DynamoClient does). */
export function hostHeader(url: URL, servername: string | undefined): string {
  return servername && url.protocol === 'https:' ? `${servername}${url.port ? `:${url.port}` : ''}` : url.host;
}

/** The exact bytes of a signed DynamoDB request. */
export function requestText(signer: FastSigner, host: string, target: string, body: string, nowMs = Date.now()): string {
  const s = signer.sign(host, target, body, nowMs);
  return (
    `POST / HTTP/1.1\r\nhost: ${host}\r\ncontent-type: ${CONTENT_TYPE}\r\nx-amz-target: ${TARGET_PREFIX}${target}\r\n` +
    `x-amz-date: ${s['x-amz-date']}\r\nx-amz-content-sha256: ${s['x-amz-content-sha256']}\r\nauthorization: ${s.authorization}\r\n` +
    `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

export function rawTransport(endpoint: LoadEndpoint, timeoutMs: number): Transport {
  const url = new URL(endpoint.url);
  const host = hostHeader(url, endpoint.servername);
  const signer = new FastSigner(endpoint.credentials, endpoint.region);
  const channels: Http1Connection[] = [];
  return {
    channel(): Channel {
      const conn = new Http1Connection({ url, caPem: endpoint.caPem, servername: endpoint.servername, timeoutMs });
      channels.push(conn);
      return {
        get connects() {
          return conn.connects;
        },
        async call(c: PreparedCall) {
          const body = c.template.render(c.slots);
          try {
            const r = await conn.request(requestText(signer, host, c.template.target, body));
            if (r.status !== 200) return { status: r.status, errorType: errorTypeOf(r.status, r.body.toString('utf8')) };
            if (c.template.target === 'BatchWriteItem') return { status: 200, unprocessedItems: countUnprocessed(r.body.toString('utf8')) };
            return { status: 200 };
          } catch (e) {
            return { status: 0, errorType: e instanceof RequestError ? e.type : 'ClientError' };
          }
        },
        close: () => conn.close(),
      };
    },
    close() {
      for (const c of channels) c.close();
    },
  };
}
