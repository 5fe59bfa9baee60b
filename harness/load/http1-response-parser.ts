// An incremental HTTP/1.1 response parser for the load client: status, Content-Length or chunked
// bodies (Alternator streams large answers chunked), `Connection: close`, and bodies delimited by the
// connection closing. It keeps no header other than those three: the load client needs nothing else.

export interface ParsedResponse {
  status: number;
  body: Buffer;
  /** The server will close the connection after this response. */
  close: boolean;
}

type State = 'head' | 'fixed' | 'chunk-size' | 'chunk-data' | 'chunk-crlf' | 'trailers' | 'until-close';
const EMPTY = Buffer.alloc(0);
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_HEAD = 64 * 1024;

export class HttpParseError extends Error {
  override name = 'HttpParseError';
}

export class ResponseParser {
  private buf: Buffer = EMPTY;
  private state: State = 'head';
  private status = 0;
  private close = false;
  private remaining = 0;
  private parts: Buffer[] = [];

  /** Feeds bytes; calls `emit` for every complete response. Throws HttpParseError on malformed input. */
  feed(chunk: Buffer, emit: (r: ParsedResponse) => void): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      switch (this.state) {
        case 'head': {
          const end = this.buf.indexOf(HEAD_END);
          if (end < 0) {
            if (this.buf.length > MAX_HEAD) throw new HttpParseError('response head larger than 64 KiB');
            return;
          }
          const head = this.buf.toString('latin1', 0, end);
          this.buf = this.buf.subarray(end + 4);
          this.startResponse(head, emit);
          break;
        }
        case 'fixed': {
          if (this.buf.length < this.remaining) return;
          const body = this.buf.subarray(0, this.remaining);
          this.buf = this.buf.subarray(this.remaining);
          this.finish(body, emit);
          break;
        }
        case 'chunk-size': {
          const eol = this.buf.indexOf(CRLF);
          if (eol < 0) return;
          const line = this.buf.toString('latin1', 0, eol);
          this.buf = this.buf.subarray(eol + 2);
          const size = parseInt(line.split(';', 1)[0]!.trim(), 16);
          if (!Number.isFinite(size) || size < 0) throw new HttpParseError(`bad chunk size line ${JSON.stringify(line)}`);
          this.remaining = size;
          this.state = size === 0 ? 'trailers' : 'chunk-data';
          break;
        }
        case 'chunk-data': {
          if (this.buf.length < this.remaining) return;
          this.parts.push(this.buf.subarray(0, this.remaining));
          this.buf = this.buf.subarray(this.remaining);
          this.state = 'chunk-crlf';
          break;
        }
        case 'chunk-crlf': {
          if (this.buf.length < 2) return;
          if (this.buf[0] !== 13 || this.buf[1] !== 10) throw new HttpParseError('chunk not followed by CRLF');
          this.buf = this.buf.subarray(2);
          this.state = 'chunk-size';
          break;
        }
        case 'trailers': {
          const eol = this.buf.indexOf(CRLF);
          if (eol < 0) return;
          this.buf = this.buf.subarray(eol + 2);
          if (eol === 0) this.finish(Buffer.concat(this.parts), emit);
          break;
        }
        case 'until-close':
          if (this.buf.length) this.parts.push(this.buf);
          this.buf = EMPTY;
          return;
      }
      if (this.state === 'head' && this.buf.length === 0) return;
    }
  }

  /** The connection closed: completes a body delimited by the close; true if a response was in progress and cut. */
  end(emit: (r: ParsedResponse) => void): boolean {
    if (this.state === 'until-close') {
      this.finish(Buffer.concat(this.parts), emit);
      return false;
    }
    return this.state !== 'head' || this.buf.length > 0;
  }

  private startResponse(head: string, emit: (r: ParsedResponse) => void): void {
    const lines = head.split('\r\n');
    const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
    if (!m) throw new HttpParseError(`bad status line ${JSON.stringify((lines[0] ?? '').slice(0, 80))}`);
    this.status = Number(m[1]);
    let length = -1;
    let chunked = false;
    this.close = lines[0]!.startsWith('HTTP/1.0');
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim().toLowerCase();
      if (name === 'content-length') length = Number(value);
      else if (name === 'transfer-encoding') chunked = value.split(',').some((v) => v.trim() === 'chunked');
      else if (name === 'connection') this.close = value.split(',').some((v) => v.trim() === 'close') || (this.close && !value.includes('keep-alive'));
    }
    this.parts = [];
    if (this.status >= 100 && this.status < 200) {
      this.state = 'head'; // interim response: the real one follows
    } else if (this.status === 204 || this.status === 304) {
      this.finish(EMPTY, emit);
    } else if (chunked) {
      this.state = 'chunk-size';
    } else if (length >= 0) {
      if (!Number.isSafeInteger(length)) throw new HttpParseError('bad content-length');
      this.remaining = length;
      this.state = 'fixed';
    } else {
      this.close = true;
      this.state = 'until-close';
    }
  }

  private finish(body: Buffer, emit: (r: ParsedResponse) => void): void {
    this.state = 'head';
    this.parts = [];
    emit({ status: this.status, body, close: this.close });
  }
}
