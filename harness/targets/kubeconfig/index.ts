// Public API of the kubeconfig target (the CLI imports from here).
export { createKubeconfigTarget, kubeconfigPathOf } from './kubeconfig-target.ts';
export { doctorKubeconfig } from './doctor.ts';
export type { KubeconfigOptionsInput, KubeconfigOptions } from '../kubernetes/options.ts';
export type { DoctorCheck } from '../kubernetes/doctor.ts';
export { DiagnosedProvisionError, InterruptedError } from '../kubernetes/wait.ts';
export type { KubernetesTarget } from '../kubernetes/kubernetes-target.ts';
