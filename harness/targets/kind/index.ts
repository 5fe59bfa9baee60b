// Public API of the kind target (the CLI imports from here).
export { createKindTarget, defaultClusterName, type KindTargetDeps } from './kind-target.ts';
export { doctorKind } from './doctor.ts';
export { KindCli, type ClusterProvider } from './cluster-provider.ts';
export { loadKindConfig, DEFAULT_KIND_CONFIG } from './kind-config.ts';
export type { KindOptionsInput, KindOptions } from '../kubernetes/options.ts';
export type { DoctorCheck } from '../kubernetes/doctor.ts';
export { DiagnosedProvisionError, InterruptedError } from '../kubernetes/wait.ts';
export type { KubernetesTarget } from '../kubernetes/kubernetes-target.ts';
