// `doctor` says exactly what is missing for the kind and kubeconfig targets, and how to fix it.
import { describe, expect, it } from 'vitest';
import { doctorKind } from '../../harness/targets/kind/doctor.ts';
import { doctorKubeconfig } from '../../harness/targets/kubeconfig/doctor.ts';
import { realDoctorEnv, INSTALL, type DoctorEnv } from '../../harness/targets/kubernetes/doctor.ts';

const GiB = 1024 ** 3;
function env(o: Partial<DoctorEnv> & { bins?: string[]; files?: Record<string, string> } = {}): DoctorEnv {
  const bins = new Set(o.bins ?? []);
  return {
    which: (b) => (bins.has(b) ? `/usr/bin/${b}` : undefined),
    run: o.run ?? (async (cmd) => ({ code: 0, stdout: cmd === 'docker' ? '28.1.1' : 'kind v0.32.0 go1.26.1 linux/amd64', stderr: '' })),
    nodeVersion: o.nodeVersion ?? '22.12.0',
    readText: (p) => o.files?.[p],
    env: o.env ?? {},
    totalMemoryBytes: o.totalMemoryBytes ?? 16 * GiB,
    cpus: o.cpus ?? 4,
    platform: o.platform ?? 'linux',
  };
}
const byName = (checks: Awaited<ReturnType<typeof doctorKind>>) => Object.fromEntries(checks.map((c) => [c.name, c]));

describe('doctor --target kind', () => {
  it('on a machine without Docker: docker and kind missing, each with its fix; the daemon check is skipped', async () => {
    const c = byName(await doctorKind({}, env({ bins: ['kubectl'] })));
    expect(c['docker on PATH']).toEqual({ name: 'docker on PATH', ok: false, detail: '"docker" not found on PATH', fix: INSTALL.docker, required: true });
    expect(c['Docker daemon reachable']).toMatchObject({ ok: false, detail: 'skipped: "docker" not found on PATH', fix: INSTALL.dockerDaemon });
    expect(c['kind on PATH']).toMatchObject({ ok: false, fix: expect.stringContaining('https://kind.sigs.k8s.io') });
    expect(c['kubectl on PATH']).toMatchObject({ ok: true, required: false });
  });

  it('a Docker binary whose daemon is down says how to start it', async () => {
    const c = byName(await doctorKind({}, env({ bins: ['docker', 'kind'], run: async (cmd) => (cmd === 'docker' ? { code: 1, stdout: '', stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' } : { code: 0, stdout: 'kind v0.32.0', stderr: '' }) })));
    expect(c['docker on PATH']!.ok).toBe(true);
    expect(c['Docker daemon reachable']).toMatchObject({ ok: false, detail: expect.stringContaining('Cannot connect to the Docker daemon'), fix: INSTALL.dockerDaemon });
    expect(c['kind version']).toMatchObject({ ok: true, detail: 'kind v0.32.0' });
  });

  it('all good: every required check passes; low host limits are reported but not required; fs.aio-max-nr is not asked for (io_uring)', async () => {
    const checks = await doctorKind({}, env({ bins: ['docker', 'kind', 'kubectl'], files: { '/proc/sys/fs/aio-max-nr': '65536\n', '/proc/sys/fs/inotify/max_user_instances': '128\n' } }));
    expect(checks.filter((c) => c.required && !c.ok)).toEqual([]);
    const c = byName(checks);
    expect(c['sysctl fs.aio-max-nr']).toBeUndefined();
    expect(c['sysctl fs.inotify.max_user_instances']).toMatchObject({ ok: false, required: false });
    expect(c['kind release']).toMatchObject({ ok: true, required: true });
    expect(c['rootless docker']).toBeUndefined();
  });

  it('a kind release older than the one the pinned node image comes with fails, naming the release to install', async () => {
    const c = byName(await doctorKind({}, env({ bins: ['docker', 'kind'], run: async (cmd) => ({ code: 0, stdout: cmd === 'docker' ? '28.1.1' : 'kind v0.31.0 go1.25 linux/amd64', stderr: '' }) })));
    expect(c['kind release']).toMatchObject({ ok: false, required: true, detail: expect.stringContaining('kindest/node:v1.36.1 (by digest) is released with kind v0.32.0'), fix: expect.stringContaining('install kind v0.32.0 or later') });
    const newer = byName(await doctorKind({}, env({ bins: ['docker', 'kind'], run: async (cmd) => ({ code: 0, stdout: cmd === 'docker' ? '28.1.1' : 'kind v0.33.0-alpha+fed26882 go1.26 linux/amd64', stderr: '' }) })));
    expect(newer['kind release']!.ok).toBe(true);
  });

  it('rootless Docker: warns what would need rootful (a NodeConfig), and requires cgroup v2', async () => {
    const run = (cgroup: string) => async (cmd: string, args: string[]) => {
      if (cmd !== 'docker') return { code: 0, stdout: 'kind v0.32.0', stderr: '' };
      const f = args.at(-1)!;
      return { code: 0, stdout: f.includes('SecurityOptions') ? '["name=seccomp,profile=builtin","name=rootless","name=cgroupns"]' : f.includes('CgroupVersion') ? cgroup : '28.1.1', stderr: '' };
    };
    const v2 = byName(await doctorKind({}, env({ bins: ['docker', 'kind'], run: run('2') })));
    expect(v2['rootless docker']).toMatchObject({ ok: false, required: false, detail: expect.stringMatching(/needs nothing rootful \(no NodeConfig; ScyllaDB with --reactor-backend=io_uring.*A NodeConfig \(applyNodeConfig: true\) needs rootful docker/) });
    expect(v2['cgroup v2 (rootless kind)']).toBeUndefined();
    const v1 = byName(await doctorKind({}, env({ bins: ['docker', 'kind'], run: run('1') })));
    expect(v1['cgroup v2 (rootless kind)']).toMatchObject({ ok: false, required: true, fix: expect.stringContaining('systemd.unified_cgroup_hierarchy=1') });
  });

  it('rootless Podman (KIND_EXPERIMENTAL_PROVIDER=podman, as upstream runs kind): checks podman, warns about kind load docker-image', async () => {
    const run = async (cmd: string, args: string[]) => {
      if (cmd !== 'podman') return { code: 0, stdout: 'kind v0.32.0', stderr: '' };
      const f = args.at(-1)!;
      return { code: 0, stdout: f.includes('Rootless') ? 'true' : f.includes('CgroupsVersion') ? 'v2' : '5.4.0', stderr: '' };
    };
    const c = byName(await doctorKind({}, env({ bins: ['podman', 'kind'], env: { KIND_EXPERIMENTAL_PROVIDER: 'podman' }, run })));
    expect(c['docker on PATH']).toBeUndefined();
    expect(c['podman on PATH']!.ok).toBe(true);
    expect(c['Podman usable']).toMatchObject({ ok: true, detail: '5.4.0' });
    expect(c['rootless podman']!.detail).toContain('`kind load docker-image`');
    expect(c['cgroup v2 (rootless kind)']).toBeUndefined();
  });

  it('an old Node is reported with the fix', async () => {
    expect(byName(await doctorKind({}, env({ nodeVersion: '18.20.0' })))['Node.js']).toMatchObject({ ok: false, fix: expect.stringContaining('Node 22') });
  });

  it('on this machine: reports exactly what is missing', async () => {
    const c = byName(await doctorKind());
    const binary = c['docker on PATH']!;
    const daemon = c['Docker daemon reachable']!;
    // The binary check tells the truth about PATH; without a binary the daemon cannot be reached.
    expect(binary.ok).toBe(realDoctorEnv().which('docker') !== undefined);
    if (!binary.ok) expect(daemon.ok).toBe(false);
    // This project's machines have no running Docker engine: whichever piece is missing carries its fix.
    if (!binary.ok) expect(binary.fix).toBe(INSTALL.docker);
    if (!daemon.ok) expect(daemon.fix).toBe(INSTALL.dockerDaemon);
    expect(c['Node.js']!.detail).toContain(process.versions.node);
  });
});

describe('doctor --target kubeconfig', () => {
  const KUBECONFIG = 'apiVersion: v1\nkind: Config\ncurrent-context: prod\ncontexts:\n- name: prod\n- name: staging\n';

  it('no kubeconfig: says where it looked and how to provide one', async () => {
    const c = byName(await doctorKubeconfig({}, env({ env: { KUBECONFIG: '/nope/config' } })));
    expect(c['kubeconfig']).toMatchObject({ ok: false, detail: '/nope/config not found', fix: expect.stringContaining('--kubeconfig PATH') });
  });

  it('lists contexts, rejects an unknown one, and probes the API server of a known one', async () => {
    const files = { '/k/config': KUBECONFIG };
    const bad = byName(await doctorKubeconfig({ kubeconfigPath: '/k/config', context: 'dev' }, env({ files }), async () => 'never called'));
    expect(bad['kubeconfig']).toMatchObject({ ok: true, detail: '/k/config: contexts prod, staging; current prod' });
    expect(bad['context']).toMatchObject({ ok: false, fix: 'choose one of: prod, staging (--context NAME or kubectl config use-context NAME)' });
    expect(bad['API server reachable']).toBeUndefined();
    const good = byName(await doctorKubeconfig({ kubeconfigPath: '/k/config' }, env({ files }), async (_f, ctx) => `Kubernetes v1.36.1 via ${ctx}`));
    expect(good['API server reachable']).toMatchObject({ ok: true, detail: 'Kubernetes v1.36.1 via prod' });
    const down = byName(await doctorKubeconfig({ kubeconfigPath: '/k/config' }, env({ files }), async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6443'))));
    expect(down['API server reachable']).toMatchObject({ ok: false, detail: 'connect ECONNREFUSED 127.0.0.1:6443' });
  });
});
