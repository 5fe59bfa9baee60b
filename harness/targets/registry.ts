// Target name → implementation. The only place the CLI learns which targets exist.
import type { Target, TargetName } from './target.ts';
import { TARGET_NAMES } from './target.ts';
import { createLocalTarget, type LocalTargetOptions } from './local/local-target.ts';
import { createEndpointTarget, endpointOptionsFromEnv, type EndpointTargetOptions } from './endpoint/endpoint-target.ts';
import { ConfigError, ProvisionError } from '../util/errors.ts';

export interface TargetOptions {
  local?: LocalTargetOptions;
  endpoint?: EndpointTargetOptions;
}

export function createTarget(name: string, o: TargetOptions = {}): Target {
  if (!TARGET_NAMES.includes(name as TargetName)) throw new ConfigError('unknown target', { field: '--target', value: name, allowed: TARGET_NAMES });
  switch (name as TargetName) {
    case 'local':
      return createLocalTarget(o.local);
    case 'endpoint':
      return createEndpointTarget(endpointOptionsFromEnv(o.endpoint ?? {}));
    default:
      return notImplemented(name as TargetName);
  }
}

function notImplemented(name: TargetName): Target {
  const fail = () => {
    throw new ProvisionError(`target "${name}" is not implemented yet`, 'target set-up');
  };
  return {
    name,
    supports: () => ({ ok: true }),
    plan: async () => [{ step: `target ${name}: not implemented yet` }],
    setUp: async () => fail(),
    deploy: async () => fail(),
  };
}
