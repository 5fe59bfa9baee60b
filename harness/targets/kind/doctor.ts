// `doctor --target kind`.
import { checkBinary, checkCommand, checkNode, checkSysctl, realDoctorEnv, INSTALL, type DoctorCheck, type DoctorEnv } from '../kubernetes/doctor.ts';
import { KIND_RELEASE, DEFAULT_NODE_IMAGE } from '../kubernetes/options.ts';
import { planResources } from '../kubernetes/resources.ts';

const semver = (s: string): [number, number, number] | undefined => {
  const m = /v?(\d+)\.(\d+)\.(\d+)/.exec(s);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
};
const atLeast = (a: [number, number, number], b: [number, number, number]) => a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] >= b[2];

/**
 * kind supports a node image with the kind release it was released with (kind docs, "Node Image"): the pinned
 * image is the default of KIND_RELEASE (kubernetes-sigs/kind pkg/apis/config/defaults/image.go at v0.32.0).
 */
export function checkKindRelease(versionOutput: string): DoctorCheck {
  const have = semver(versionOutput);
  const want = semver(KIND_RELEASE)!;
  const ok = have !== undefined && atLeast(have, want);
  return {
    name: 'kind release',
    ok,
    detail: `${versionOutput.trim().split('\n')[0] || '(no output)'}; the pinned node image ${DEFAULT_NODE_IMAGE.split('@')[0]} (by digest) is released with kind ${KIND_RELEASE}`,
    fix: ok ? '' : `install kind ${KIND_RELEASE} or later (https://kind.sigs.k8s.io/dl/${KIND_RELEASE}/kind-linux-amd64), or pass --node-image for an image your kind release supports`,
    required: true,
  };
}

/** Which container engine kind drives here (KIND_EXPERIMENTAL_PROVIDER, as upstream's kind scripts set it). */
const providerOf = (env: DoctorEnv): 'docker' | 'podman' => (env.env.KIND_EXPERIMENTAL_PROVIDER === 'podman' ? 'podman' : 'docker');

/**
 * Rootless Docker or Podman: kind runs there (upstream's kind CI uses rootless Podman) given cgroup v2 with
 * delegation (kind docs, "Rootless"). Nothing the harness does by default needs root: no NodeConfig and ScyllaDB's
 * io_uring reactor backend, as upstream's kind CI. What would: a NodeConfig (`applyNodeConfig`), whose node set-up
 * and perftune Jobs are privileged and write the host's sysfs and sysctls (pkg/controller/nodetune/resource.go).
 */
async function rootlessChecks(env: DoctorEnv, provider: 'docker' | 'podman'): Promise<DoctorCheck[]> {
  if (!env.which(provider)) return [];
  const run = async (args: string[]) => {
    try {
      const r = await env.run(provider, args, { timeoutMs: 15_000 });
      return r.code === 0 ? r.stdout.trim() : undefined;
    } catch {
      return undefined;
    }
  };
  const rootless =
    provider === 'podman'
      ? (await run(['info', '--format', '{{.Host.Security.Rootless}}'])) === 'true'
      : /rootless/.test((await run(['info', '--format', '{{json .SecurityOptions}}'])) ?? '');
  if (!rootless) return [];
  const cgroup = provider === 'podman' ? await run(['info', '--format', '{{.Host.CgroupsVersion}}']) : await run(['info', '--format', '{{.CgroupVersion}}']);
  const v2 = cgroup === '2' || cgroup === 'v2';
  const checks: DoctorCheck[] = [
    {
      name: `rootless ${provider}`,
      ok: false,
      detail: `${provider} runs rootless. The default run needs nothing rootful (no NodeConfig; ScyllaDB with --reactor-backend=io_uring, as upstream's kind CI on rootless Podman). A NodeConfig (applyNodeConfig: true) needs rootful ${provider}: the operator's node set-up and perftune Jobs are privileged and write the host's /sys and sysctls.${provider === 'podman' ? ' `kind load docker-image` (--operator-image, a local --load-image) reads images from docker, not podman.' : ''}`,
      fix: `keep applyNodeConfig off on rootless ${provider}, or use rootful ${provider === 'docker' ? 'Docker' : 'Podman'}; see https://kind.sigs.k8s.io/docs/user/rootless/`,
      required: false,
    },
  ];
  if (!v2)
    checks.push({
      name: 'cgroup v2 (rootless kind)',
      ok: false,
      detail: `${provider} reports cgroup version ${cgroup ?? 'unknown'}; rootless kind needs cgroup v2 with delegation`,
      fix: 'boot with systemd.unified_cgroup_hierarchy=1 and delegate the cpu controller to user services (https://kind.sigs.k8s.io/docs/user/rootless/#host-requirements)',
      required: true,
    });
  return checks;
}

export async function doctorKind(options: { kindBinary?: string } = {}, env: DoctorEnv = realDoctorEnv()): Promise<DoctorCheck[]> {
  const kind = options.kindBinary ?? 'kind';
  const GiB = 1024 ** 3;
  const provider = providerOf(env);
  const kindVersion = env.which(kind) ? await env.run(kind, ['version'], { timeoutMs: 15_000 }).catch(() => undefined) : undefined;
  const checks: Array<DoctorCheck | undefined> = [
    checkNode(env),
    provider === 'docker' ? checkBinary(env, 'docker', INSTALL.docker) : checkBinary(env, 'podman', INSTALL.podman),
    provider === 'docker'
      ? await checkCommand(env, 'Docker daemon reachable', 'docker', ['info', '--format', '{{.ServerVersion}}'], INSTALL.dockerDaemon)
      : await checkCommand(env, 'Podman usable', 'podman', ['info', '--format', '{{.Version.Version}}'], INSTALL.podman),
    ...(await rootlessChecks(env, provider)),
    checkBinary(env, kind, INSTALL.kind),
    await checkCommand(env, 'kind version', kind, ['version'], INSTALL.kind),
    kindVersion?.code === 0 ? checkKindRelease(kindVersion.stdout || kindVersion.stderr) : undefined,
    checkBinary(env, 'kubectl', INSTALL.kubectl, false),
    {
      name: 'host memory',
      ok: env.totalMemoryBytes >= 8 * GiB,
      detail: planResources({ cpus: env.cpus, memoryBytes: env.totalMemoryBytes }).why.slice(0, 2).join('; '),
      fix: env.totalMemoryBytes >= 8 * GiB ? '' : 'use a machine with 8 GiB or more, or run fewer variants at once (parallelism: 1)',
      required: false,
    },
    checkSysctl(env, 'fs.inotify.max_user_instances', 512, 'kind nodes need more inotify instances: `sudo sysctl -w fs.inotify.max_user_instances=512` (kind known issue "too many open files")'),
  ];
  return checks.filter((c): c is DoctorCheck => c !== undefined);
}
