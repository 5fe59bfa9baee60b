// Compressed requests and responses as Alternator handles them (ScyllaDB 2026.1.0 and later), reproduced by the local
// front door: a request body in Content-Encoding gzip or deflate is decoded after the signature was checked over the
// compressed bytes (alternator/server.cc server::handle_api_request, ungzip), and a successful answer of 4 KB or more
// is compressed in the encoding Accept-Encoding prefers (alternator/http_compression.cc response_compressor).
import zlib from 'node:zlib';
import { emulates } from './emulations.ts';

/** How a request is refused: the error type, its message and the HTTP status, as Alternator answers them. */
export interface Refusal {
  type: string;
  message: string;
  status: number;
}

/**
 * The request body to parse, decoded per Content-Encoding (exactly "gzip" or "deflate", compared case-sensitively as
 * server.cc does), or the refusal. Concatenated streams are accepted for both encodings (ungzip resets the stream after
 * each end); anything after the last stream that does not start another one is corrupt.
 */
export function decodeRequestBody(encoding: string | undefined, raw: Buffer, limit: number): Buffer | Refusal {
  if (!encoding) return raw;
  emulates('request-compression');
  if (encoding !== 'gzip' && encoding !== 'deflate') return { type: 'InternalServerError', message: 'Unsupported Content-Encoding', status: 500 };
  try {
    if (encoding === 'gzip') return zlib.gunzipSync(raw, { maxOutputLength: limit });
    const out: Buffer[] = [];
    let rest = raw;
    let size = 0;
    do {
      const { buffer, engine } = zlib.inflateSync(rest, { info: true, maxOutputLength: limit - size }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
      if (engine.bytesWritten === 0) throw Object.assign(new Error('no progress'), { code: 'Z_DATA_ERROR' });
      out.push(buffer);
      size += buffer.length;
      rest = rest.subarray(engine.bytesWritten);
    } while (rest.length > 0);
    return Buffer.concat(out);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') return { type: 'PayloadTooLarge', message: `Request content length limit of ${limit} bytes exceeded`, status: 413 };
    // zlib's "unexpected end of file": the stream never reached its end (an empty body, a cut one).
    if (code === 'Z_BUF_ERROR') return { type: 'InternalServerError', message: 'Truncated gzip in request body', status: 500 };
    return { type: 'InternalServerError', message: 'Error during gzip decompression of request body', status: 500 };
  }
}

export type ResponseEncoding = 'gzip' | 'deflate';

/** DynamoDB's (and Alternator's default) threshold: smaller answers are never compressed. */
export const COMPRESSION_THRESHOLD = 4096;

const CODINGS = ['gzip', 'deflate', '*', 'identity'] as const;
type Coding = (typeof CODINGS)[number];
/** The smallest positive float: "identity" is acceptable but never preferred over a named coding. */
const FLT_MIN = 1.1754943508222875e-38;
const isSpace = (c: string) => c === ' ' || (c >= '\t' && c <= '\r');
const trim = (s: string) => {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s[a]!)) a++;
  while (b > a && isSpace(s[b - 1]!)) b--;
  return s.slice(a, b);
};
/** What std::from_chars accepts for a float, as a prefix: `-`, digits with an optional fraction and exponent, inf, nan. */
const FLOAT_PREFIX = /^-?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)/i;

/** A quality value as from_chars reads it: the whole text must be a number, else the parameter is skipped. */
function quality(text: string): number | undefined {
  const m = FLOAT_PREFIX.exec(text);
  if (!m || m[0].length !== text.length) return undefined;
  const v = /^-?inf/i.test(text) ? (text.startsWith('-') ? -Infinity : Infinity) : Number(text);
  if (Number.isNaN(v)) return undefined;
  return Math.min(1, Math.max(0, v));
}

/**
 * The encoding response_compressor::find_compression picks for an answer of `size` bytes, or undefined for none.
 * Its quirks mirror DynamoDB's observed parser (test/alternator/test_compressed_response.py test_accept_encoding_header):
 * the first q= of an entry counts, a q that does not parse is skipped, "identity" is never chosen over a coding, a
 * coding seen with q>0 is not reconsidered, and "*" means the first coding the header did not name.
 */
export function responseEncoding(acceptEncoding: string | undefined, size: number, threshold = COMPRESSION_THRESHOLD): ResponseEncoding | undefined {
  emulates('response-compression');
  if (!acceptEncoding) return undefined;
  const q = new Map<Coding, number>([['identity', FLT_MIN]]);
  let selected: Coding = 'identity';
  for (const entry of acceptEncoding.split(',')) {
    if (entry === '') continue;
    const params = entry.split(';');
    const coding = CODINGS.find((c) => c === trim(params[0]!).toLowerCase());
    if (!coding) continue;
    const seen = q.get(coding);
    if (seen !== undefined && seen !== 0) continue;
    // identity's threshold is "never", the others' the configured size: identity entries change nothing.
    if (coding === 'identity' || size < threshold) continue;
    let value: number | undefined;
    for (const p of params.slice(1)) {
      const at = p.indexOf('q=');
      if (at < 0) continue;
      value = quality(trim(p.slice(at + 2)));
      if (value !== undefined) break;
    }
    q.set(coding, value ?? 1);
    const better = selected === '*' ? q.get(coding)! >= q.get(selected)! : q.get(coding)! > q.get(selected)!;
    if (better) selected = coding;
  }
  if (selected === '*') {
    selected = 'identity';
    for (const c of ['gzip', 'deflate'] as const) {
      if (!q.has(c)) return c;
      if (q.get(c)! > q.get(selected)!) selected = c;
    }
  }
  return selected === 'gzip' || selected === 'deflate' ? selected : undefined;
}

/** The body compressed as Alternator does at its default level 6: gzip, or deflate in the zlib format (RFC 1950). */
export function compressBody(body: string, encoding: ResponseEncoding): Buffer {
  return encoding === 'gzip' ? zlib.gzipSync(body, { level: 6 }) : zlib.deflateSync(body, { level: 6 });
}
