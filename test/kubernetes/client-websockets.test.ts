// The WebSocket side of the real KubeApi (exec) and PortForwarder on client-node's own Exec and PortForward, with
// only the WebSocket to the API server faked. Port-forward: one stream per local connection, data both ways, and
// a failed stream reaches the harness (the next connection resolves a pod again) instead of an unhandled
// rejection. Exec: output and exit code from the status channel, and no stream left open once it was given up.
import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Exec, KubeConfig, PortForward } from '@kubernetes/client-node';
import { ClientKubeApi } from '../../harness/targets/kubernetes/kube-api-client.ts';
import { ClientPortForwarder, type Forward } from '../../harness/targets/kubernetes/port-forward.ts';

type BinaryHandler = (stream: number, data: Buffer) => boolean;

/** The API server's side of one port-forward WebSocket: what the harness sent, and a way to answer. */
class FakeStream extends EventEmitter {
  readonly protocol = 'v4.channel.k8s.io';
  readonly readyState = 1;
  readonly sent: Buffer[] = [];
  closed = false;
  constructor(
    readonly path: string,
    private readonly handler: BinaryHandler,
  ) {
    super();
    // As the kubelet does: each channel first carries the port number (little endian).
    for (const ch of [0, 1]) handler(ch, Buffer.from([8043 & 0xff, 8043 >> 8]));
  }
  send(b: Buffer) {
    this.sent.push(b);
  }
  fromPod(text: string) {
    this.handler(0, Buffer.from(text));
  }
  /** The kubelet reports a failed forward on the error channel, then closes the stream. */
  fail(message: string) {
    this.handler(1, Buffer.from(message));
    this.close();
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
}

function fakeApiServer(failFirst: number) {
  const streams: FakeStream[] = [];
  let failures = failFirst;
  const handler = {
    connect: async (path: string, _text: unknown, binary: BinaryHandler | null) => {
      if (failures-- > 0) throw new Error('Unexpected server response: 404');
      const s = new FakeStream(path, binary!);
      streams.push(s);
      return s as never;
    },
  };
  return { streams, handler };
}

const kc = new KubeConfig();
kc.loadFromOptions({ clusters: [{ name: 'c', server: 'https://127.0.0.1:1' }], users: [{ name: 'u' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });

function open(port: number): Promise<{ socket: Socket; received: () => string; closed: () => boolean }> {
  return new Promise((resolve, reject) => {
    let data = '';
    let closed = false;
    const socket = connect(port, '127.0.0.1', () => resolve({ socket, received: () => data, closed: () => closed }));
    socket.on('close', () => (closed = true));
    socket.on('data', (d) => (data += d.toString()));
    socket.on('error', reject);
  });
}

/** Polls a condition; gives up (failing the test) rather than hang when it never holds. */
const until = async (cond: () => boolean) => {
  for (let i = 0; !cond(); i++) {
    if (i > 400) throw new Error('condition never held');
    await new Promise((r) => setTimeout(r, 5));
  }
};

/** A forward through the fake API server whose resolvePod hands out `pods` in turn (undefined: no pod is ready). */
async function forwardThrough(api: ReturnType<typeof fakeApiServer>, pods: Array<string | undefined>, log?: string[]) {
  const resolved: Array<string | undefined> = [];
  const forward = await new ClientPortForwarder(kc, new PortForward(kc, true, api.handler)).forward({
    namespace: 'ns1',
    port: 8043,
    resolvePod: async () => {
      const pod = pods[resolved.length];
      resolved.push(pod);
      // As endpoint-builder.ts resolvePod says it.
      if (pod === undefined) throw new Error('no ready ScyllaDB pod in ns1');
      return pod;
    },
    ...(log ? { log: (m: string) => log.push(m) } : {}),
  });
  return { forward, resolved };
}

describe('ClientPortForwarder', () => {
  let fwd: Forward | undefined;
  afterEach(async () => fwd?.close());

  it('opens one stream per connection to the resolved pod and carries bytes both ways', async () => {
    const api = fakeApiServer(0);
    const { forward, resolved } = await forwardThrough(api, ['pod-a', 'pod-b']);
    fwd = forward;
    const a = await open(fwd.localPort);
    a.socket.write('hello');
    await until(() => api.streams[0]?.sent.length === 1);
    const s = api.streams[0]!;
    expect(s.path).toBe('/api/v1/namespaces/ns1/pods/pod-a/portforward?ports=8043');
    expect(s.sent[0]).toEqual(Buffer.concat([Buffer.from([0]), Buffer.from('hello')]));
    s.fromPod('world');
    await until(() => a.received() === 'world');

    const b = await open(fwd.localPort);
    b.socket.write('x');
    await until(() => api.streams.length === 2);
    expect(resolved).toEqual(['pod-a']);
    // The pod side closing ends the local connection; the local side closing closes its stream.
    s.close();
    await until(a.closed);
    b.socket.destroy();
    await until(() => api.streams[1]!.closed);
  });

  it('a stream that cannot open drops that connection and makes the next one resolve a pod again', async () => {
    const api = fakeApiServer(1);
    const { forward, resolved } = await forwardThrough(api, ['pod-gone', 'pod-new']);
    fwd = forward;
    const a = await open(fwd.localPort);
    a.socket.write('lost');
    await until(a.closed);
    expect(api.streams).toHaveLength(0);

    const b = await open(fwd.localPort);
    b.socket.write('again');
    await until(() => api.streams[0]?.sent.length === 1);
    expect(api.streams[0]!.path).toContain('/pods/pod-new/');
    expect(resolved).toEqual(['pod-gone', 'pod-new']);
  });

  /** A new connection that sends a byte, and the stream (the `n`th) it opened. */
  const connectStream = async (api: ReturnType<typeof fakeApiServer>, n: number) => {
    const conn = await open(fwd!.localPort);
    conn.socket.write('x');
    await until(() => api.streams.length === n);
    return { conn, stream: api.streams[n - 1]! };
  };
  /** The kubelet refuses the stream (the pod restarted or is not listening): the connection ends. */
  const refuse = async (s: { conn: Awaited<ReturnType<typeof open>>; stream: ReturnType<typeof fakeApiServer>['streams'][number] }, pod: string) => {
    s.stream.fail(`error forwarding port 8043 to pod ${pod}: connect: connection refused`);
    await until(s.conn.closed);
  };

  it('after a failed stream, with no pod ready (a readiness blip), the next connection goes to the last pod instead of being reset; re-resolutions are logged', async () => {
    const api = fakeApiServer(0);
    const log: string[] = [];
    fwd = (await forwardThrough(api, ['pod-a', undefined, 'pod-b'], log)).forward;
    await refuse(await connectStream(api, 1), 'pod-a');
    const b = await connectStream(api, 2);
    expect(b.stream.path).toContain('/pods/pod-a/');
    expect(b.conn.closed()).toBe(false);
    expect(log).toEqual(['port-forward ns1:8043: a stream failed and no ready ScyllaDB pod in ns1; staying on pod pod-a']);
    await refuse(b, 'pod-a');
    expect((await connectStream(api, 3)).stream.path).toContain('/pods/pod-b/');
    expect(log[1]).toBe('port-forward ns1:8043: a stream failed; re-resolved to pod pod-b (was pod-a)');
  });

  it('with no pod ready and none used before, the connection is dropped (nothing to fall back to)', async () => {
    const api = fakeApiServer(0);
    fwd = (await forwardThrough(api, [undefined, 'pod-a'])).forward;
    const a = await open(fwd.localPort);
    a.socket.write('x');
    await until(a.closed);
    expect(api.streams).toHaveLength(0);
  });

  it("the kubelet's error message on a stream ends that connection and makes the next one resolve a pod again", async () => {
    const api = fakeApiServer(0);
    fwd = (await forwardThrough(api, ['pod-restarting', 'pod-ready'])).forward;
    await refuse(await connectStream(api, 1), 'pod-restarting');
    expect((await connectStream(api, 2)).stream.path).toContain('/pods/pod-ready/');
  });
});

/** An exec WebSocket: stdout/stderr channels, then the API server's V1Status on channel 3. */
class FakeExecStream extends EventEmitter {
  readonly protocol = 'v4.channel.k8s.io';
  closed = false;
  constructor(private readonly handler: BinaryHandler) {
    super();
  }
  out(channel: 1 | 2, text: string) {
    this.handler(channel, Buffer.from(text));
  }
  exit(code: number) {
    const status = code === 0 ? { status: 'Success' } : { status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(code) }] } };
    if (!this.handler(3, Buffer.from(JSON.stringify(status)))) this.close();
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
}

describe('ClientKubeApi.exec', () => {
  const execWith = (connect: (path: string, binary: BinaryHandler) => Promise<FakeExecStream>) =>
    new ClientKubeApi(kc, 'test', new Exec(kc, { connect: async (path: string, _t: unknown, binary: BinaryHandler | null) => (await connect(path, binary!)) as never }));

  it('collects stdout and stderr and reads the exit code from the status channel', async () => {
    let path = '';
    const api = execWith(async (p, binary) => {
      path = p;
      const s = new FakeExecStream(binary);
      setImmediate(() => {
        s.out(1, ' salted_hash\n');
        s.out(2, 'Warning: x\n');
        s.exit(2);
      });
      return s;
    });
    const r = await api.exec('ns1', 'pod-0', 'scylla', ['cqlsh', '-e', 'SELECT 1'], { timeoutMs: 60_000 });
    expect(r).toEqual({ stdout: ' salted_hash\n', stderr: 'Warning: x\n', exitCode: 2 });
    expect(path).toContain('/api/v1/namespaces/ns1/pods/pod-0/exec?');
    expect(path).toContain('container=scylla');
  });

  it('closes a stream that opens only after the exec was given up', async () => {
    let open = () => undefined as void;
    let stream: FakeExecStream | undefined;
    const api = execWith((_p, binary) => new Promise((resolve) => (open = () => resolve((stream = new FakeExecStream(binary))))));
    const stop = new AbortController();
    const pending = api.exec('ns1', 'pod-0', 'scylla', ['sleep', '1000'], { timeoutMs: 60_000, signal: stop.signal });
    stop.abort();
    await expect(pending).rejects.toThrow('interrupted');
    open();
    await until(() => stream?.closed === true);
  });
});
