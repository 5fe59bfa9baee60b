// Target name → implementation. The only place the CLI learns which targets exist. Each target's module is loaded
// only when it is chosen: the Kubernetes client and testcontainers take seconds to load, which a local run (and a
// Ctrl-C while loading) should not pay.
import type { Target, TargetName } from './target.ts';
import { TARGET_NAMES } from './target.ts';
import type { LocalTargetOptions } from './local/local-target.ts';
import type { EndpointTargetOptions } from './endpoint/endpoint-target.ts';
import type { ContainerTargetOptions } from './container/container-target.ts';
import type { KindOptionsInput } from './kind/index.ts';
import type { KubeconfigOptionsInput } from './kubeconfig/index.ts';
import { ConfigError } from '../util/errors.ts';

export interface TargetOptions {
  local?: LocalTargetOptions;
  endpoint?: EndpointTargetOptions;
  container?: ContainerTargetOptions;
  kind?: KindOptionsInput;
  kubeconfig?: KubeconfigOptionsInput;
}

export async function createTarget(name: string, o: TargetOptions = {}): Promise<Target> {
  if (!TARGET_NAMES.includes(name as TargetName)) throw new ConfigError('unknown target', { field: '--target', value: name, allowed: TARGET_NAMES });
  switch (name as TargetName) {
    case 'local':
      return (await import('./local/local-target.ts')).createLocalTarget(o.local);
    case 'endpoint': {
      const { createEndpointTarget, endpointOptionsFromEnv, observeScyllaVersion } = await import('./endpoint/endpoint-target.ts');
      return createEndpointTarget(await observeScyllaVersion(endpointOptionsFromEnv(o.endpoint ?? {})));
    }
    case 'container':
      return (await import('./container/container-target.ts')).createContainerTarget(o.container);
    case 'kind':
      return (await import('./kind/index.ts')).createKindTarget(o.kind);
    case 'kubeconfig':
      return (await import('./kubeconfig/index.ts')).createKubeconfigTarget(o.kubeconfig);
    case 'dynamodb-local':
      return (await import('./dynamodb-local/dynamodb-local-target.ts')).createDynamoDbLocalTarget();
  }
}
