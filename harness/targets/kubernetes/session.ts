// What a run holds once a cluster is reachable, and how to reach one. Shared by the kind and kubeconfig targets.
import type { KubeApi } from './kube-api.ts';
import type { PortForwarder } from './port-forward.ts';
import type { Clock } from './wait.ts';
import type { TextSource } from './operator-install.ts';
import { realClock } from './wait.ts';
import { fetchTextSource } from './operator-install.ts';
import { ClientKubeApi, kubeConfigFrom } from './kube-api-client.ts';
import { ClientPortForwarder } from './port-forward.ts';

export interface ClusterSession {
  kube: KubeApi;
  forwarder: PortForwarder;
  /** How kubectl reaches the same cluster (the operator page's own steps, suites/docs); absent: no file to name. */
  kubectl?: { kubeconfigFile: string; context?: string };
}

export interface KubeconfigSource {
  yaml?: string;
  file?: string;
  context?: string;
}

/** Everything with a side effect outside the process, replaceable in tests. */
export interface KubernetesDeps {
  connect(source: KubeconfigSource, fieldManager: string): ClusterSession;
  fetchText: TextSource;
  clock: Clock;
}

export const realDeps: KubernetesDeps = {
  connect(source, fieldManager) {
    const kc = kubeConfigFrom(source);
    return { kube: new ClientKubeApi(kc, fieldManager), forwarder: new ClientPortForwarder(kc) };
  },
  fetchText: fetchTextSource,
  clock: realClock,
};
