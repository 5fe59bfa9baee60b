// `doctor --target kind`.
import { checkBinary, checkCommand, checkNode, checkSysctl, realDoctorEnv, INSTALL, type DoctorCheck, type DoctorEnv } from '../kubernetes/doctor.ts';
import { defaultParallelism } from '../kubernetes/options.ts';

export async function doctorKind(options: { kindBinary?: string } = {}, env: DoctorEnv = realDoctorEnv()): Promise<DoctorCheck[]> {
  const kind = options.kindBinary ?? 'kind';
  const GiB = 1024 ** 3;
  const checks: Array<DoctorCheck | undefined> = [
    checkNode(env),
    checkBinary(env, 'docker', INSTALL.docker),
    await checkCommand(env, 'Docker daemon reachable', 'docker', ['info', '--format', '{{.ServerVersion}}'], INSTALL.dockerDaemon),
    checkBinary(env, kind, INSTALL.kind),
    await checkCommand(env, 'kind version', kind, ['version'], INSTALL.kind),
    checkBinary(env, 'kubectl', INSTALL.kubectl, false),
    {
      name: 'host memory',
      ok: env.totalMemoryBytes >= 8 * GiB,
      detail: `${(env.totalMemoryBytes / GiB).toFixed(1)} GiB; ${defaultParallelism(env.totalMemoryBytes)} variant(s) roll out at once by default (about 1.5 GiB per ScyllaDB member, 3 GiB for kind)`,
      fix: env.totalMemoryBytes >= 8 * GiB ? '' : 'use a machine with 8 GiB or more, or run fewer variants at once (parallelism: 1)',
      required: false,
    },
    checkSysctl(env, 'fs.aio-max-nr', 1048576, 'the run raises it through the NodeConfig (the host kernel is shared with kind nodes); or `sudo sysctl -w fs.aio-max-nr=1048576`'),
    checkSysctl(env, 'fs.inotify.max_user_instances', 512, 'kind nodes need more inotify instances: `sudo sysctl -w fs.inotify.max_user_instances=512` (kind known issue "too many open files")'),
  ];
  return checks.filter((c): c is DoctorCheck => c !== undefined);
}
