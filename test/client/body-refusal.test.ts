// Issue 20 item 8: a server refuses a body it will not read by answering early and closing the connection while the
// client is still sending it (EPIPE / ECONNRESET on the client). That is the server's refusal: its status when one was
// read, else the reset. Tiny local servers play each way deterministically (they wait for the client's bytes before
// closing, so the order of events never depends on timing); the third keeps the rule from excusing a lost answer.
import { describe, it, expect, afterEach } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DynamoClient, BodyRefusedByReset } from '../../harness/client/dynamo-client.ts';
import { bodyOutcome } from '../../harness/suite-kit/refusals.ts';

const BODY = Buffer.alloc(20 * 1024 * 1024, 32);
const servers: Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

/** A server that runs `onRequest` once the request head arrived, with the number of body bytes received so far. */
async function server(onData: (socket: Socket, received: { head: boolean; bodyBytes: number }) => void): Promise<DynamoClient> {
  const s = createServer((socket) => {
    let buffered = Buffer.alloc(0);
    const received = { head: false, bodyBytes: 0 };
    socket.on('error', () => undefined);
    socket.on('data', (d: Buffer) => {
      if (!received.head) {
        buffered = Buffer.concat([buffered, d]);
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        received.head = true;
        received.bodyBytes = buffered.length - end - 4;
      } else received.bodyBytes += d.length;
      onData(socket, received);
    });
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return new DynamoClient({ url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, timeoutMs: 20_000 });
}

describe('an oversized body refused as servers refuse it', () => {
  it('an early 413 followed by a reset while the client still sends is the 413 (closedWhileSending)', async () => {
    let answered = false;
    const c = await server((socket, got) => {
      if (!answered) {
        answered = true;
        // The answer's head and part of its body, then nothing more: the client has the status before the reset.
        socket.write('HTTP/1.1 413 Payload Too Large\r\ncontent-type: text/plain\r\ncontent-length: 40\r\n\r\nRequest content length limit');
      } else if (got.bodyBytes > 1024 * 1024 && !socket.destroyed) socket.resetAndDestroy();
    });
    try {
      const r = await bodyOutcome(c.raw('PutItem', {}, { body: BODY, sign: false }));
      expect(r).toEqual({ status: 413, text: 'Request content length limit', closedWhileSending: true });
    } finally {
      c.close();
    }
  });

  it('a reset while the client still sends, before any answer could be read, is a refusal by reset', async () => {
    const c = await server((socket) => {
      if (!socket.destroyed) socket.resetAndDestroy();
    });
    try {
      const sent = c.raw('PutItem', {}, { body: BODY, sign: false });
      await expect(sent).rejects.toBeInstanceOf(BodyRefusedByReset);
      const r = await bodyOutcome(c.raw('PutItem', {}, { body: BODY, sign: false }));
      expect(r).toEqual({ resetWhileSending: expect.stringMatching(/^(ECONNRESET|EPIPE)$/) });
    } finally {
      c.close();
    }
  });

  it('a reset after the whole body was sent, without an answer, stays an error (not a refusal)', async () => {
    const small = Buffer.from('{"TableName": "t"}');
    const c = await server((socket, got) => {
      if (got.bodyBytes >= small.length && !socket.destroyed) setTimeout(() => socket.resetAndDestroy(), 50);
    });
    try {
      const err = await bodyOutcome(c.raw('PutItem', {}, { body: small, sign: false })).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(BodyRefusedByReset);
      expect((err as NodeJS.ErrnoException).code).toBe('ECONNRESET');
    } finally {
      c.close();
    }
  });
});
