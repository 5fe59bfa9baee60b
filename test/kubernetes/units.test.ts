// Small pieces of the Kubernetes targets: options, credentials parsing, error classification, the kind CLI
// wrapper, operator manifests handling, waiting and retrying.
import { describe, expect, it } from 'vitest';
import { KindOptions, KubeconfigOptions, parseOptions, rolloutTimeoutSeconds } from '../../harness/targets/kubernetes/options.ts';
import { parseSaltedHash, saltedHashQuery, readSaltedHash } from '../../harness/targets/kubernetes/credentials.ts';
import { KubeApiError, isRetryableInfraError } from '../../harness/targets/kubernetes/kube-api.ts';
import { toKubeApiError } from '../../harness/targets/kubernetes/kube-api-client.ts';
import { formatEvents } from '../../harness/targets/kubernetes/diagnostics.ts';
import type { KubeEvent } from '../../harness/targets/kubernetes/kube-api.ts';
import { KindCli, type Runner } from '../../harness/targets/kind/cluster-provider.ts';
import { overrideOperatorImage, parseManifests, orderForApply } from '../../harness/targets/kubernetes/operator-install.ts';
import { pollUntil, WaitTimeoutError } from '../../harness/targets/kubernetes/wait.ts';
import { retryInfra } from '../../harness/targets/kubernetes/retry.ts';
import { Limiter } from '../../harness/targets/kubernetes/limiter.ts';
import { ConfigError, ProvisionError } from '../../harness/util/errors.ts';
import { ApiException } from '@kubernetes/client-node';
import { FakeKube, fakeHash } from './fake-kube.ts';
import { VirtualClock } from './virtual-clock.ts';
import { OPERATOR_YAML } from './helpers.ts';
import { expectNoSecret, expectSameSecret } from '../helpers/secrets.ts';

describe('options', () => {
  it('defaults are complete (pinned versions, per-step timeouts)', () => {
    const o = parseOptions(KindOptions, {}, 'kind');
    // Pinned by digest as upstream pins it (assets/config/config.yaml operatorTests.kindNodeImage); no NodeConfig and
    // the io_uring reactor backend on kind, as upstream's kind CI (hack/kind/run-e2e-tests.sh).
    expect(o).toMatchObject({
      nodeImage: 'kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5',
      keep: false,
      storageClassName: 'standard',
      dedicatedScyllaNodes: true,
      applyNodeConfig: false,
      nodeTuning: false,
      nodeSysctls: {},
      scyllaArgs: '--reactor-backend=io_uring',
    });
    // No agent pinned here: each variant's versions.agent, else its operator release's default (support-matrix.ts).
    expect(o.agentVersion).toBeUndefined();
    expect(o.operator.certManagerVersion).toBe('v1.21.1');
    expect(o.timeouts).toEqual({ clusterCreate: 600, certManager: 300, operator: 300, nodeConfig: 600, failedMount: 45, failedMountOperatorObject: 180, endpoint: 300, teardown: 300 });
    const kc = parseOptions(KubeconfigOptions, {}, 'kubeconfig');
    expect(kc).toMatchObject({ installOperator: false, dedicatedScyllaNodes: false, applyNodeConfig: false });
    expect(kc.scyllaArgs).toBeUndefined();
  });

  it('a rollout waits as long as the operator\'s e2e (RolloutTimeoutForScyllaCluster) unless set', () => {
    expect(rolloutTimeoutSeconds(1)).toBe(630);
    expect(rolloutTimeoutSeconds(3)).toBe(120 + 3 * 450 + 60);
    expect(rolloutTimeoutSeconds(1, 900)).toBe(900);
    // A datacenter joining another through externalSeeds: RolloutTimeoutForMultiDatacenterScyllaCluster.
    expect(rolloutTimeoutSeconds(1, undefined, true)).toBe(630 + 900);
  });

  it('bad options name the field', () => {
    expect(() => parseOptions(KindOptions, { timeouts: { rollout: -1 } }, 'kind')).toThrow(ConfigError);
    expect(() => parseOptions(KindOptions, { timeouts: { rollout: -1 } }, 'kind')).toThrow(/^kind\.timeouts\.rollout: /);
    expect(() => parseOptions(KindOptions, { operator: { version: '1.21' } }, 'kind')).toThrow(/kind\.operator\.version: must look like v1\.21\.1/);
    expect(() => parseOptions(KindOptions, { nodeImg: 'x' }, 'kind')).toThrow(/unknown option\(s\) nodeImg/);
  });
});

describe('credentials', () => {
  const HASH = '$6$abcdefgh12345678$L2o6s6hu7zHfUdrJREK7JA7OP5N3AdB2.eYEwlzH8P5wSmBis7wQRaghPkVpBKoKnYaxWR3UPHvoi9wmR8kjn.';
  it('parses the salted hash out of cqlsh output (CRLF as kubectl exec may give it, as the operator page strips)', () => {
    {
      const read = parseSaltedHash(` salted_hash\n-----------------\n ${HASH}\n\n(1 rows)\n`);
      expectSameSecret('hash' in read ? read.hash : undefined, HASH, 'the parsed salted_hash');
    }
    {
      const read = parseSaltedHash(` salted_hash\r\n-----------------\r\n ${HASH}\r\n\r\n(1 rows)\r\n`);
      expectSameSecret('hash' in read ? read.hash : undefined, HASH, 'the parsed salted_hash');
    }
    expect(parseSaltedHash(` salted_hash\n----\n $6$rounds=5000$abc$${'x'.repeat(86)}\n`)).toHaveProperty('hash');
    expect(parseSaltedHash(' salted_hash\n-------------\n\n(0 rows)\n')).toHaveProperty('missing');
    expect(parseSaltedHash(' salted_hash\n-------------\n null\n\n(1 rows)\n')).toHaveProperty('missing');
    expect(parseSaltedHash('Warning: cqlshrc\n')).toHaveProperty('missing');
  });

  it('refuses a value that is not a bare hash, without ever printing it', () => {
    for (const cell of [`\u001b[0;33m${HASH}\u001b[0m`, `${HASH.slice(0, 40)}…`, 'cassandra', '$6$salt$short']) {
      const r = parseSaltedHash(` salted_hash\n-----------------\n ${cell}\n\n(1 rows)\n`);
      expect(r, JSON.stringify(cell)).toHaveProperty('refused');
      expect(JSON.stringify(r)).not.toContain(cell.replace(/\u001b\[[0-9;]*m/g, '').slice(0, 12));
    }
  });

  it('reads the hash with cqlsh --no-color, and fails at once (value withheld) when cqlsh prints something else', async () => {
    const kube = new FakeKube();
    const commands: string[][] = [];
    const coloured = `\u001b[0;33m${fakeHash('cassandra')}\u001b[0m`;
    kube.exec = async (_ns, _pod, _c, cmd) => {
      commands.push(cmd);
      return { stdout: ` salted_hash\n----\n ${coloured}\n`, stderr: '', exitCode: 0 };
    };
    const e = await readSaltedHash({ kube, namespace: 'n', pod: 'p', timeoutMs: 1000, clock: new VirtualClock(), attempts: 5, retryDelayMs: 10, step: 's' }, 'cassandra').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProvisionError);
    expect((e as Error).message).toMatch(/not a bare crypt hash/);
    expectNoSecret((e as Error).message, fakeHash('cassandra'), 'the error message');
    expect(commands).toHaveLength(1);
    expect(commands[0]).toContain('--no-color');
  });

  it('quotes nothing it does not control', () => {
    expect(saltedHashQuery('cassandra', 'system.roles')).toBe("SELECT salted_hash FROM system.roles WHERE role = 'cassandra'");
    expect(() => saltedHashQuery("x' OR '1'='1", 'system.roles')).toThrow(/invalid role name/);
  });

  it('falls back to system_auth.roles on ScyllaDB versions without system.roles', async () => {
    const kube = new FakeKube();
    const tables: string[] = [];
    kube.exec = async (_ns, _pod, _c, cmd) => {
      const stmt = cmd.at(-1)!;
      tables.push(/FROM (\S+)/.exec(stmt)![1]!);
      return stmt.includes('system.roles')
        ? { stdout: '', stderr: "<stdin>:1:InvalidRequest: Error from server: code=2200 [Invalid query] message=\"unconfigured table roles\"", exitCode: 2 }
        : { stdout: ` salted_hash\n----\n ${fakeHash('cassandra')}\n`, stderr: '', exitCode: 0 };
    };
    const hash = await readSaltedHash({ kube, namespace: 'n', pod: 'p', timeoutMs: 1000, clock: new VirtualClock(), attempts: 3, retryDelayMs: 10, step: 's' }, 'cassandra');
    expectSameSecret(hash, fakeHash('cassandra'), 'the hash read from system_auth.roles');
    expect(tables).toEqual(['system.roles', 'system_auth.roles']);
  });
});

describe('API error classification', () => {
  it('retries webhooks not serving yet, throttling and dropped connections; never rejections', () => {
    expect(isRetryableInfraError(new KubeApiError(500, 'Internal error occurred: failed calling webhook "webhook.scylla.scylladb.com": connect: connection refused'))).toBe(true);
    expect(isRetryableInfraError(new KubeApiError(429, 'too many requests'))).toBe(true);
    expect(isRetryableInfraError(new KubeApiError(404, 'no matches for kind "ScyllaCluster" in version "scylla.scylladb.com/v1"'))).toBe(true);
    expect(isRetryableInfraError(new KubeApiError(0, 'connect ECONNREFUSED 127.0.0.1:6443'))).toBe(true);
    expect(isRetryableInfraError(new KubeApiError(422, 'ScyllaCluster.scylla.scylladb.com "x" is invalid: spec.version: Required value'))).toBe(false);
    expect(isRetryableInfraError(new KubeApiError(400, 'admission webhook "webhook.scylla.scylladb.com" denied the request: failed calling webhook'))).toBe(false);
    expect(isRetryableInfraError(new KubeApiError(404, 'namespaces "x" not found'))).toBe(false);
    expect(isRetryableInfraError(new Error('assertion failed'))).toBe(false);
  });

  it('reduces client-node exceptions to the API server message', () => {
    const e = toKubeApiError(new ApiException(422, 'Unsuccessful HTTP Request', JSON.stringify({ kind: 'Status', message: 'spec.version: Required value', reason: 'Invalid' }), {}));
    expect(e).toBeInstanceOf(KubeApiError);
    expect(e).toMatchObject({ status: 422, message: 'spec.version: Required value', reason: 'Invalid' });
    // A kind that discovery does not list yet (CRD just created) is retried, like the server's "no matches for kind".
    expect(isRetryableInfraError(toKubeApiError(new Error('Unrecognized API version and kind: scylla.scylladb.com/v1alpha1 NodeConfig')))).toBe(true);
  });

  it('orders events by time as client-node returns them (Dates, and eventTime as an ISO string)', () => {
    const events: KubeEvent[] = [
      { metadata: {}, involvedObject: {}, reason: 'Third', lastTimestamp: new Date('2026-11-30T10:00:00Z') }, // a Monday
      { metadata: {}, involvedObject: {}, reason: 'First', lastTimestamp: new Date('2026-11-26T10:00:00Z') }, // a Thursday
      { metadata: {}, involvedObject: {}, reason: 'Second', eventTime: '2026-11-28T10:00:00.000000Z' as unknown as Date },
    ];
    expect(formatEvents(events).trim().split('\n').map((l) => l.split(' ')[2])).toEqual(['First', 'Second', 'Third']);
  });

  it('keeps what explains a failed WebSocket (exec, port-forward), which rejects with an ErrorEvent', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' });
    const network = toKubeApiError({ type: 'error', message: refused.message, error: refused });
    expect(network).toMatchObject({ status: 0, message: 'connect ECONNREFUSED 127.0.0.1:6443' });
    expect(isRetryableInfraError(network)).toBe(true);
    expect(toKubeApiError({ type: 'error', message: 'Unexpected server response: 404' }).message).toBe('Unexpected server response: 404');
  });
});

describe('kind CLI', () => {
  it('creates with the config on stdin, the pinned image, --retain and --wait', async () => {
    const seen: Array<{ cmd: string; args: string[]; stdin?: string }> = [];
    const run: Runner = async (cmd, args, o) => {
      seen.push({ cmd, args, ...(o?.stdin !== undefined ? { stdin: o.stdin } : {}) });
      return { code: 0, stdout: args[0] === 'get' && args[1] === 'clusters' ? 'a\nmine\n' : '', stderr: '' };
    };
    const kind = new KindCli('kind', run);
    await kind.create({ name: 'mine', config: 'kind: Cluster\n', image: 'kindest/node:v1.36.1', waitSeconds: 600 });
    expect(seen[0]).toEqual({ cmd: 'kind', args: ['create', 'cluster', '--name', 'mine', '--config', '-', '--image', 'kindest/node:v1.36.1', '--retain', '--wait', '600s'], stdin: 'kind: Cluster\n' });
    expect(await kind.exists('mine')).toBe(true);
    expect(await kind.exists('min')).toBe(false);
  });

  it('a failing kind command is a ProvisionError with the tail of its output; a missing binary says how to install it', async () => {
    const failing = new KindCli('kind', async () => ({ code: 1, stdout: '', stderr: 'Creating cluster...\nERROR: failed to create cluster: node(s) already exist for a cluster with the name "mine"' }));
    await expect(failing.create({ name: 'mine', config: '', image: 'i', waitSeconds: 1 })).rejects.toThrow(/exit 1\):\n.*already exist/s);
    const missing = new KindCli('kind', async () => Promise.reject(Object.assign(new Error('spawn kind ENOENT'), { code: 'ENOENT' })));
    await expect(missing.delete('x')).rejects.toThrow(ProvisionError);
    await expect(missing.delete('x')).rejects.toThrow(/"kind" not found on PATH; install kind/);
  });

  it('pre-loading an image: `docker pull IMAGE` on the host, then `kind load docker-image IMAGE --name N`; a refused pull names the image and the registry\'s words', async () => {
    const ran: string[] = [];
    const run: Runner = async (cmd, args) => {
      ran.push([cmd, ...args].join(' '));
      return args[0] === 'pull' && args[1]!.endsWith(':0.0.0')
        ? { code: 1, stdout: '', stderr: 'Error response from daemon: manifest for docker.io/scylladb/scylla:0.0.0 not found: manifest unknown' }
        : { code: 0, stdout: '', stderr: '' };
    };
    const kind = new KindCli('kind', run);
    await kind.pullImage('docker.io/scylladb/scylla:2026.1.3');
    await kind.loadImage('ae2e-x', 'docker.io/scylladb/scylla:2026.1.3');
    expect(ran).toEqual(['docker pull docker.io/scylladb/scylla:2026.1.3', 'kind load docker-image docker.io/scylladb/scylla:2026.1.3 --name ae2e-x']);
    await expect(kind.pullImage('docker.io/scylladb/scylla:0.0.0')).rejects.toThrow(/^docker pull docker\.io\/scylladb\/scylla:0\.0\.0 failed \(exit 1\):\n.*manifest unknown$/s);
  });
});

describe('operator manifests', () => {
  it('parses multi-document YAML, applies namespaces and CRDs first, and pins the operator image', () => {
    const objs = parseManifests(OPERATOR_YAML, 'operator.yaml');
    expect(orderForApply(objs).map((o) => o.kind)).toEqual(['Namespace', 'CustomResourceDefinition', 'CustomResourceDefinition', 'Deployment', 'Deployment']);
    const pinned = overrideOperatorImage(objs, 'docker.io/scylladb/scylla-operator:1.21.1');
    expect(JSON.stringify(pinned)).not.toContain('scylla-operator:latest');
    expect(JSON.stringify(objs)).toContain('scylla-operator:latest'); // the input is left alone
  });
});

describe('waiting and retrying', () => {
  it('a wait times out with the last observed status', async () => {
    let n = 0;
    const e = await pollUntil('thing', async () => ({ done: false, status: `poll ${++n}` }), { timeoutMs: 5000, intervalMs: 1000, clock: new VirtualClock(), step: 's' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WaitTimeoutError);
    expect((e as Error).message).toBe('timed out after 5s waiting for thing; last observed: poll 6');
  });

  it('retries a retryable error up to the attempt limit, and names the last error', async () => {
    let calls = 0;
    const e = await retryInfra('apply x', async () => {
      calls++;
      throw new KubeApiError(503, 'service unavailable');
    }, { attempts: 3, delayMs: 10, clock: new VirtualClock(), step: 's' }).catch((x: unknown) => x);
    expect(calls).toBe(3);
    expect((e as Error).message).toBe('apply x failed after 3 attempts: service unavailable');
  });

  it('the limiter never exceeds its limit', async () => {
    const l = new Limiter(3);
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        l.run(async () => {
          peak = Math.max(peak, ++active);
          await new Promise((r) => setImmediate(r));
          active--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(l.peak).toBe(3);
  });
});
