import { describe, it, expect } from 'vitest';
import { ResponseParser, HttpParseError, type ParsedResponse } from '../../harness/load/http1-response-parser.ts';

function feedAll(chunks: Buffer[]): { parser: ResponseParser; out: ParsedResponse[] } {
  const parser = new ResponseParser();
  const out: ParsedResponse[] = [];
  for (const c of chunks) parser.feed(c, (r) => out.push(r));
  return { parser, out };
}

const simple = (body: string, extra = '') => `HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;
const chunked = 'HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\n{"__t\r\nE\r\nype":"x#Boom"}\r\n0\r\nX-Trailer: y\r\n\r\n';

describe('ResponseParser', () => {
  it('parses content-length and chunked responses however the bytes are split', () => {
    const stream = Buffer.from(simple('{}') + chunked + simple('{"Item":{}}', 'Connection: close\r\n'));
    for (let step = 1; step <= 7; step++) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < stream.length; i += step) chunks.push(stream.subarray(i, i + step));
      const { out } = feedAll(chunks);
      expect(out.map((r) => [r.status, r.body.toString(), r.close])).toEqual([
        [200, '{}', false],
        [400, '{"__type":"x#Boom"}', false],
        [200, '{"Item":{}}', true],
      ]);
    }
  });

  it('skips interim 100 responses and reads a body delimited by the connection closing', () => {
    const { parser, out } = feedAll([Buffer.from('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\n\r\n{"a":'), Buffer.from('1}')]);
    expect(out).toEqual([]);
    expect(parser.end((r) => out.push(r))).toBe(false);
    expect(out.map((r) => [r.status, r.body.toString(), r.close])).toEqual([[200, '{"a":1}', true]]);
  });

  it('says a response was cut when the connection closes in the middle', () => {
    const { parser } = feedAll([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}')]);
    expect(parser.end(() => undefined)).toBe(true);
  });

  it('rejects what is not HTTP', () => {
    expect(() => feedAll([Buffer.from('SSH-2.0-OpenSSH\r\n\r\n')])).toThrow(HttpParseError);
    expect(() => feedAll([Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n')])).toThrow(/chunk size/);
  });
});
