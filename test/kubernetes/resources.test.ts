// Issue 21 item 5: what a run asks of the host, computed in one place (harness/targets/kubernetes/resources.ts), and
// the fail-fast rules that follow from starved but healthy clusters, against the scripted fake API server.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostParallelism, planResources, suiteWorkersFor, scyllaArgsWithMemory, parseHostShape, operatorObjectGraceSeconds, MEMBER } from '../../harness/targets/kubernetes/resources.ts';
import { imageNotFound, podHealth } from '../../harness/targets/kubernetes/conditions.ts';
import { failedMountSeconds, manifestSettings } from '../../harness/targets/kubernetes/variant-deploy.ts';
import { KindOptions, parseOptions } from '../../harness/targets/kubernetes/options.ts';
import { DiagnosedProvisionError } from '../../harness/targets/kubernetes/wait.ts';
import type { Pod } from '../../harness/targets/kubernetes/kube-api.ts';
import { fakes, fixedSuiteWork, kindTarget, readyKindTarget, variant, TEST_HOST } from './helpers.ts';

const GiB = 1024 ** 3;
const host = (cpus: number, gib: number) => ({ cpus, memoryBytes: gib * GiB });

describe('variants at once from CPUs and memory', () => {
  it('the fewer of what memory (2.25 GiB a member after 3 GiB for kind) and CPUs (a busy core a member after 1) hold, at most 4', () => {
    // A 2-core host with plenty of memory: memory alone said 4 (the old default), the cores hold 1.
    expect(hostParallelism(host(2, 16))).toEqual({ parallelism: 1, byMemory: 5, byCpu: 1 });
    // GitHub's standard runner: CPU-bound at 3.
    expect(hostParallelism(host(4, 16)).parallelism).toBe(3);
    // Many cores, little memory: memory-bound.
    expect(hostParallelism(host(16, 8))).toMatchObject({ parallelism: 2, byMemory: 2 });
    expect(hostParallelism(host(32, 64)).parallelism).toBe(4);
    // Never below one.
    expect(hostParallelism(host(1, 2)).parallelism).toBe(1);
  });

  it('--parallelism wins and says so; the plan lines name the host and each rule', () => {
    const chosen = planResources(host(2, 16));
    expect(chosen.parallelism).toBe(1);
    expect(chosen.why[1]).toMatch(/^variants at once: 1; the host holds 5 by memory .* and 1 by CPU .*, at most 4$/);
    const given = planResources(host(2, 16), 3, '--host');
    expect(given).toMatchObject({ parallelism: 3, parallelismGiven: 3, hostFrom: '--host' });
    expect(given.why[0]).toBe('host: 2 CPU(s), 16 GiB (--host)');
    expect(given.why[1]).toMatch(/^variants at once: 3 \(--parallelism\);/);
  });

  it('a kind target without --parallelism rolls out as many as its host holds', () => {
    const h = fakes();
    expect(kindTarget(h, { parallelism: undefined, host: host(2, 16) }).maxLiveDeployments).toBe(1);
    expect(kindTarget(h, { parallelism: undefined, host: host(8, 32) }).maxLiveDeployments).toBe(4);
  });

  it('plan --host takes CPUS,GiB and refuses anything else naming the flag', () => {
    expect(parseHostShape('4,16', '--host')).toEqual({ cpus: 4, memoryBytes: 16 * GiB });
    expect(parseHostShape(' 2 , 7.5GiB', '--host')).toEqual({ cpus: 2, memoryBytes: 7.5 * GiB });
    for (const bad of ['4', '0,16', '4,0', 'four,16', '4,16,1']) expect(() => parseHostShape(bad, '--host')).toThrow(/--host.*must be CPUS,GiB/s);
  });
});

describe('suite files at once: one per live variant, at most the CPUs kind leaves', () => {
  it('follows the live variants and the host', () => {
    expect([1, 2, 3, 4].map((live) => suiteWorkersFor(host(4, 16), live))).toEqual([1, 2, 3, 3]);
    expect([1, 2].map((live) => suiteWorkersFor(host(2, 8), live))).toEqual([1, 1]);
    expect(suiteWorkersFor(host(1, 8), 1)).toBe(1);
  });

  it('the estimate reads the same number the run hands vitest: the batch\'s suite work ÷ its workers', () => {
    const vs = [variant('a'), variant('b'), variant('c')];
    const wide = kindTarget(fakes(), { parallelism: 2, host: host(4, 16) });
    const narrow = kindTarget(fakes(), { parallelism: 2, host: host(2, 16) });
    expect(wide.suiteWorkers(2)).toBe(2);
    expect(narrow.suiteWorkers(2)).toBe(1);
    // Batches [a, b] and [c].
    // 10 files of 2 schema changes (0.5 s) and 3,000 requests (3 s), no write (no LWT): 35 s a variant, of
    // which 5 s are schema changes (never shared out: each cluster agrees on its own one after the other).
    const work = fixedSuiteWork(10, { CreateTable: 1, DeleteTable: 1, GetItem: 2998 });
    const e = wide.estimate(vs, work);
    expect(e.suiteWorkers).toEqual([wide.suiteWorkers(2), wide.suiteWorkers(1)]);
    expect(e.suites).toBeCloseTo(Math.round(((2 * 35) / 2 + 35 / 1) / 6) / 10, 5);
    const n = narrow.estimate(vs, work);
    expect(n.suiteWorkers).toEqual([1, 1]);
    expect(n.suites).toBeCloseTo(Math.round((2 * 35 + 35) / 6) / 10, 5);
    expect(n.total).toBeGreaterThan(e.total);
  });
});

describe('Seastar memory through spec.scyllaArgs', () => {
  it('adds --memory and --reserve-memory that fit the limit; a user\'s own sizing wins', () => {
    expect(scyllaArgsWithMemory(undefined)).toBe('--memory=1280M --reserve-memory=512M');
    expect(scyllaArgsWithMemory('--reactor-backend=io_uring')).toBe('--reactor-backend=io_uring --memory=1280M --reserve-memory=512M');
    expect(scyllaArgsWithMemory('--reactor-backend=epoll --memory=3G')).toBe('--reactor-backend=epoll --memory=3G');
    expect(scyllaArgsWithMemory('--reserve-memory 256M')).toBe('--reserve-memory 256M');
    // A flag that only starts like it is no sizing.
    expect(scyllaArgsWithMemory('--memory-foo=1')).toBe('--memory-foo=1 --memory=1280M --reserve-memory=512M');
  });

  it('fits Seastar\'s calculate_memory: --memory ≤ limit − reserve − a kernel reservation of up to 200 MB', () => {
    const bytes = (s: string) => Number(s.slice(0, -1)) * (s.endsWith('G') ? GiB : s.endsWith('M') ? 1024 ** 2 : NaN);
    const limit = Number(MEMBER.memoryLimit.replace('Gi', '')) * GiB;
    expect(bytes(MEMBER.seastarMemory)).toBeLessThanOrEqual(limit - bytes(MEMBER.seastarReserve) - 200e6);
    // Without the reserve, Seastar's default of at least 1.5 GiB would leave less than --memory: it refuses to start.
    expect(bytes(MEMBER.seastarMemory)).toBeGreaterThan(limit - 1.5 * GiB);
  });

  it('the manifests carry it with the 2Gi limit; the kind default reactor backend is kept', () => {
    const o = parseOptions(KindOptions, {}, 'kind');
    expect(manifestSettings(o, 'r').scyllaArgs).toBe('--reactor-backend=io_uring --memory=1280M --reserve-memory=512M');
    expect(manifestSettings(parseOptions(KindOptions, { scyllaArgs: '--memory=900M --reserve-memory=100M' }, 'kind'), 'r').scyllaArgs).toBe('--memory=900M --reserve-memory=100M');
  });
});

const pod = (containers: Array<{ name: string; restarts?: number; waiting?: string; message?: string; image?: string }>): Pod => ({
  metadata: { name: 'sc-dc1-a-0' },
  status: {
    phase: 'Running',
    containerStatuses: containers.map((c) => ({ name: c.name, ready: false, restartCount: c.restarts ?? 0, image: c.image ?? c.name, imageID: '', state: c.waiting ? { waiting: { reason: c.waiting, ...(c.message ? { message: c.message } : {}) } } : { running: {} } })),
  },
});

describe('fail-fast counts the scylla container', () => {
  it('sidecar restarts and crash loops are not fatal; the scylla container\'s are', () => {
    const agent = pod([{ name: 'scylla' }, { name: 'scylla-manager-agent', restarts: 9, waiting: 'CrashLoopBackOff' }]);
    expect(podHealth([agent], 3, { restartsOf: 'scylla' }).fatal).toBeUndefined();
    // Every container counts where no container is named (the operator's own pods).
    expect(podHealth([agent], 3).fatal).toMatch(/scylla-manager-agent: CrashLoopBackOff, 9 restarts/);
    expect(podHealth([pod([{ name: 'scylla', restarts: 4 }])], 3, { restartsOf: 'scylla' }).fatal).toMatch(/sc-dc1-a-0\/scylla: restarting, 4 restarts/);
    expect(podHealth([pod([{ name: 'scylla', restarts: 3 }])], 3, { restartsOf: 'scylla' }).fatal).toBeUndefined();
  });

  it('an image "not found" is fatal in any container, from the waiting message or the kubelet\'s Failed event; a rate limit is not', () => {
    const image = 'docker.io/scylladb/scylla:2026.9.9';
    const notFound = `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`;
    expect(imageNotFound({ image, state: { waiting: { reason: 'ErrImagePull', message: notFound } } })).toBe(notFound);
    const backOff = { image, state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } } };
    expect(imageNotFound(backOff)).toBeUndefined();
    const event = { metadata: { name: 'sc-dc1-a-0.failed' }, reason: 'Failed', message: `Failed to pull image "${image}": ${notFound}`, involvedObject: { kind: 'Pod', name: 'sc-dc1-a-0' } };
    expect(imageNotFound(backOff, [event])).toBe(event.message);
    // Another container's image in the event is not this one's.
    expect(imageNotFound({ ...backOff, image: 'docker.io/scylladb/scylla-manager-agent:3.10.1' }, [event])).toBeUndefined();
    const limited = `failed to pull and unpack image "${image}": 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit`;
    expect(imageNotFound({ image, state: { waiting: { reason: 'ErrImagePull', message: limited } } })).toBeUndefined();
    expect(podHealth([pod([{ name: 'scylla-manager-agent', waiting: 'ErrImagePull', message: notFound }])], 3, { restartsOf: 'scylla' }).fatal).toMatch(/scylla-manager-agent: image not found \(ErrImagePull\), 0 restarts \(rpc error: code = NotFound desc = failed to pull and unpack image/);
  });
});

describe('on the fake cluster', () => {
  it('an agent restarting while ScyllaDB starts does not fail the variant; it rolls out', async () => {
    const h = fakes();
    const t = await readyKindTarget(h);
    h.kube.stuck.set('e2e-agent-1/agent', { kind: 'restarts', container: 'scylla-manager-agent', restarts: 6, crashLoop: true });
    const t0 = h.clock.now();
    h.clock.passing = async () => {
      if (h.clock.now() - t0 >= 60_000) h.kube.stuck.delete('e2e-agent-1/agent');
    };
    const d = await t.deploy(variant('agent'), h.ctx);
    expect(d.endpoint.variant.name).toBe('agent');
    expect(h.clock.now() - t0).toBeGreaterThanOrEqual(60_000);
  });

  it('the scylla container in a crash loop fails it at once', async () => {
    const h = fakes();
    const t = await readyKindTarget(h);
    h.kube.stuck.set('e2e-sc-1/sc', { kind: 'restarts', container: 'scylla', restarts: 4 });
    const t0 = h.clock.now();
    const e = await t.deploy(variant('sc'), h.ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DiagnosedProvisionError);
    expect((e as Error).message).toMatch(/sc-dc1-a-0\/scylla: restarting, 4 restarts \(last: Error, exit 1\)/);
    expect(h.clock.now() - t0).toBeLessThan(30_000);
  });

  it('an image the registry does not have fails at once with the kubelet\'s words, and the diagnostics hold what the run chose', async () => {
    const h = fakes();
    const t = await readyKindTarget(h);
    const image = 'docker.io/scylladb/scylla:2026.9.9';
    h.kube.stuck.set('e2e-img-1/img', { kind: 'image', image, message: `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found` });
    const t0 = h.clock.now();
    const e = await t.deploy(variant('img'), h.ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DiagnosedProvisionError);
    expect((e as Error).message).toContain(`img-dc1-a-0/scylla: image not found (ImagePullBackOff), 0 restarts (Failed to pull image "${image}"`);
    expect(h.clock.now() - t0).toBeLessThan(30_000);
    const index = readFileSync(join((e as DiagnosedProvisionError).diagnosticsDir, 'index.md'), 'utf8');
    expect(index).toContain('## Resources the run chose');
    expect(index).toContain(`- host: 4 CPU(s), 16 GiB (--host)`);
    expect(index).toContain('- spec.scyllaArgs of every datacenter: --reactor-backend=io_uring --memory=1280M --reserve-memory=512M');
  });

  it('a pod no node can take fails after failedScheduling (180 s on kind), not the 630 s rollout budget', async () => {
    const h = fakes();
    const t = await readyKindTarget(h, { timeouts: { rollout: 900 } });
    const message = '0/2 nodes are available: 2 Insufficient memory. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.';
    h.kube.stuck.set('e2e-big-1/big', { kind: 'unschedulable', message });
    const t0 = h.clock.now();
    const e = await t.deploy(variant('big'), h.ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DiagnosedProvisionError);
    expect((e as Error).message).toContain(`pod big-dc1-a-0 cannot be scheduled for 18`);
    expect((e as Error).message).toContain(message);
    expect(h.clock.now() - t0).toBeGreaterThanOrEqual(180_000);
    expect(h.clock.now() - t0).toBeLessThan(300_000);
  });

  it('a pod scheduled after a while is no failure (shorter than failedScheduling)', async () => {
    const h = fakes();
    const t = await readyKindTarget(h, { timeouts: { rollout: 900, failedScheduling: 120 } });
    h.kube.stuck.set('e2e-later-1/later', { kind: 'unschedulable', message: '0/2 nodes are available: 2 Insufficient cpu.' });
    const t0 = h.clock.now();
    h.clock.passing = async () => {
      if (h.clock.now() - t0 >= 100_000) h.kube.stuck.delete('e2e-later-1/later');
    };
    expect((await t.deploy(variant('later'), h.ctx)).endpoint.variant.name).toBe('later');
  });
});

describe('the operator-object FailedMount grace scales with the clusters rolling out at once', () => {
  const operatorSecret = (sc: string) => ({ kind: 'Secret' as const, name: `${sc}-local-serving-certs` });

  it('per cluster rolling out beside it; a user\'s object keeps the short grace', () => {
    const o = parseOptions(KindOptions, {}, 'kind');
    const u = { scName: 'a', variant: variant('a') } as Parameters<typeof failedMountSeconds>[1];
    expect([1, 2, 3].map((n) => failedMountSeconds(o, u, operatorSecret('a'), n))).toEqual([180, 360, 540]);
    expect(failedMountSeconds(o, u, { kind: 'ConfigMap', name: 'site-scylla-yaml' }, 3)).toBe(45);
    expect(operatorObjectGraceSeconds(180, 0)).toBe(180);
  });

  async function twoAtOnce(appearAfterMs: number) {
    const h = fakes();
    const t = await readyKindTarget(h, { parallelism: 2, timeouts: { rollout: 900 } });
    const names = ['ka', 'kb'];
    for (const n of names) h.kube.stuck.set(`e2e-${n}-1/${n}`, { kind: 'mount', message: `MountVolume.SetUp failed for volume "scylladb-serving-certs" : secret "${n}-local-serving-certs" not found` });
    const t0 = h.clock.now();
    // The operator mints both clusters' keys on the same starved cores: they appear late (the fake made them at once).
    const secret = (n: string) => ({ apiVersion: 'v1', kind: 'Secret', namespace: `e2e-${n}-1`, name: `${n}-local-serving-certs` });
    h.clock.passing = async () => {
      if (h.clock.now() - t0 < appearAfterMs) {
        for (const n of names) h.kube.remove(secret(n));
        return;
      }
      for (const n of names)
        if (h.kube.stuck.delete(`e2e-${n}-1/${n}`)) h.kube.seed({ apiVersion: 'v1', kind: 'Secret', metadata: { name: `${n}-local-serving-certs`, namespace: `e2e-${n}-1` }, type: 'kubernetes.io/tls', data: {} });
    };
    return Promise.all(names.map((n) => t.deploy(variant(n), h.ctx).then((d) => d.endpoint.variant.name, (e: unknown) => e)));
  }

  it('two clusters whose operator Secrets take 250 s both roll out (one alone would have failed at 180 s)', async () => {
    expect(await twoAtOnce(250_000)).toEqual(['ka', 'kb']);
  });

  it('and still fail once past twice the grace', async () => {
    const out = await twoAtOnce(2_000_000);
    for (const e of out) expect((e as Error).message).toMatch(/cannot mount a volume \(FailedMount for 3[6-9]\ds; Secret k[ab]-local-serving-certs still does not exist\)/);
  });
});

describe('the plan sizes the run for the host it names', () => {
  it('its first step names the host and every choice', async () => {
    const h = fakes();
    const steps = await kindTarget(h, { parallelism: undefined, host: TEST_HOST }).plan([variant('a')], { runId: 'p', reportsDir: h.reportsDir });
    expect(steps[0]!.step).toBe('size the run for a host of 4 CPU(s), 16 GiB (--host)');
    expect(steps[0]!.detail).toMatch(/variants at once: 3;.*each member: limits cpu 1, memory 2Gi.*--memory=1280M --reserve-memory=512M.*suite files at once: 1 with 1 variant\(s\) live, 3 with 3 variant\(s\) live/s);
  });
});
