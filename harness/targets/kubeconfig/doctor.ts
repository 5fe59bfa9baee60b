// `doctor --target kubeconfig`: a kubeconfig with the chosen context, and a reachable API server.
import { parse } from 'yaml';
import { VersionApi } from '@kubernetes/client-node';
import { checkBinary, checkNode, realDoctorEnv, INSTALL, type DoctorCheck, type DoctorEnv } from '../kubernetes/doctor.ts';
import { kubeconfigPathOf } from './kubeconfig-target.ts';
import { kubeConfigFrom } from '../kubernetes/kube-api-client.ts';

export type ApiProbe = (file: string, context: string | undefined) => Promise<string>;

/** GET /version with a short deadline. */
export const realApiProbe: ApiProbe = async (file, context) => {
  const kc = kubeConfigFrom({ file, ...(context ? { context } : {}) });
  const v = await Promise.race([
    kc.makeApiClient(VersionApi).getCode(),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 5 s')), 5000).unref()),
  ]);
  return `Kubernetes ${v.gitVersion}`;
};

export async function doctorKubeconfig(
  options: { kubeconfigPath?: string; context?: string } = {},
  env: DoctorEnv = realDoctorEnv(),
  probe: ApiProbe = realApiProbe,
): Promise<DoctorCheck[]> {
  const file = kubeconfigPathOf(options, env.env);
  const checks: DoctorCheck[] = [checkNode(env)];
  const text = env.readText(file);
  const fixFile = 'pass --kubeconfig PATH, set KUBECONFIG, or create ~/.kube/config (your cluster provider prints how)';
  if (text === undefined) {
    checks.push({ name: 'kubeconfig', ok: false, detail: `${file} not found`, fix: fixFile, required: true });
  } else {
    let doc: { contexts?: Array<{ name?: string }>; 'current-context'?: string } | undefined;
    try {
      doc = parse(text) as typeof doc;
    } catch (e) {
      checks.push({ name: 'kubeconfig', ok: false, detail: `${file} is not valid YAML: ${(e as Error).message}`, fix: fixFile, required: true });
    }
    if (doc) {
      const contexts = (doc.contexts ?? []).map((c) => c.name).filter((n): n is string => !!n);
      const wanted = options.context ?? doc['current-context'];
      checks.push({ name: 'kubeconfig', ok: contexts.length > 0, detail: `${file}: contexts ${contexts.join(', ') || '(none)'}; current ${doc['current-context'] ?? '(none)'}`, fix: contexts.length ? '' : fixFile, required: true });
      const has = !!wanted && contexts.includes(wanted);
      checks.push({
        name: 'context',
        ok: has,
        detail: wanted ? `${wanted}${has ? '' : ' is not in the kubeconfig'}` : 'no context chosen and no current-context',
        fix: has ? '' : `choose one of: ${contexts.join(', ') || '(none)'} (--context NAME or kubectl config use-context NAME)`,
        required: true,
      });
      if (has)
        checks.push(
          await probe(file, wanted).then(
            (detail) => ({ name: 'API server reachable', ok: true, detail, fix: '', required: true }),
            (e: Error) => ({ name: 'API server reachable', ok: false, detail: e.message, fix: 'check the cluster is up and the credentials of this context are valid (kubectl --context … version)', required: true }),
          ),
        );
    }
  }
  checks.push(checkBinary(env, 'kubectl', INSTALL.kubectl, false));
  return checks;
}
