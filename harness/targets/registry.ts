// Target name → implementation. The only place the CLI learns which targets exist.
import type { Target, TargetName } from './target.ts';
import { TARGET_NAMES } from './target.ts';
import { createLocalTarget, type LocalTargetOptions } from './local/local-target.ts';
import { createEndpointTarget, endpointOptionsFromEnv, type EndpointTargetOptions } from './endpoint/endpoint-target.ts';
import { createContainerTarget, type ContainerTargetOptions } from './container/container-target.ts';
import { createKindTarget, type KindOptionsInput } from './kind/index.ts';
import { createKubeconfigTarget, type KubeconfigOptionsInput } from './kubeconfig/index.ts';
import { createDynamoDbLocalTarget } from './dynamodb-local/dynamodb-local-target.ts';
import { ConfigError } from '../util/errors.ts';

export interface TargetOptions {
  local?: LocalTargetOptions;
  endpoint?: EndpointTargetOptions;
  container?: ContainerTargetOptions;
  kind?: KindOptionsInput;
  kubeconfig?: KubeconfigOptionsInput;
}

export function createTarget(name: string, o: TargetOptions = {}): Target {
  if (!TARGET_NAMES.includes(name as TargetName)) throw new ConfigError('unknown target', { field: '--target', value: name, allowed: TARGET_NAMES });
  switch (name as TargetName) {
    case 'local':
      return createLocalTarget(o.local);
    case 'endpoint':
      return createEndpointTarget(endpointOptionsFromEnv(o.endpoint ?? {}));
    case 'container':
      return createContainerTarget(o.container);
    case 'kind':
      return createKindTarget(o.kind);
    case 'kubeconfig':
      return createKubeconfigTarget(o.kubeconfig);
    case 'dynamodb-local':
      return createDynamoDbLocalTarget();
  }
}
