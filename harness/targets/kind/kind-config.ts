// Loads a versioned kind cluster configuration (fixtures/kind/*.yaml) and checks it has what the harness
// relies on: ScyllaDB nodes labelled and tainted as the manifests expect, and a worker for everything else.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { fixturesDir } from '../../util/paths.ts';
import { ConfigError } from '../../util/errors.ts';
import { SCYLLA_NODE_LABEL, SCYLLA_NODE_TAINT } from '../kubernetes/options.ts';

export const DEFAULT_KIND_CONFIG = (): string => join(fixturesDir(), 'kind', 'cluster-v1.yaml');

interface KindNode {
  role?: string;
  labels?: Record<string, string>;
  kubeadmConfigPatches?: string[];
}

export interface KindConfig {
  file: string;
  text: string;
  scyllaNodes: number;
  otherWorkers: number;
}

export function loadKindConfig(file = DEFAULT_KIND_CONFIG()): KindConfig {
  if (!existsSync(file)) throw new ConfigError('kind configuration not found', { field: 'kindConfigFile', value: file, fix: 'point to a file like fixtures/kind/cluster-v1.yaml' });
  const text = readFileSync(file, 'utf8');
  const doc = parse(text) as { kind?: string; apiVersion?: string; nodes?: KindNode[] } | null;
  const bad = (message: string) => new ConfigError(message, { file, fix: 'compare with fixtures/kind/cluster-v1.yaml' });
  if (doc?.kind !== 'Cluster' || !String(doc.apiVersion).startsWith('kind.x-k8s.io/')) throw bad('not a kind Cluster configuration');
  const nodes = doc.nodes ?? [];
  if (!nodes.some((n) => n.role === 'control-plane')) throw bad('needs a control-plane node');
  const workers = nodes.filter((n) => n.role === 'worker');
  const scylla = workers.filter((n) => n.labels?.[SCYLLA_NODE_LABEL.key] === SCYLLA_NODE_LABEL.value);
  if (scylla.length === 0) throw bad(`needs at least one worker labelled ${SCYLLA_NODE_LABEL.key}=${SCYLLA_NODE_LABEL.value}`);
  for (const n of scylla)
    if (!(n.kubeadmConfigPatches ?? []).some((p) => p.includes(SCYLLA_NODE_TAINT.key) && p.includes(SCYLLA_NODE_TAINT.value)))
      throw bad(`ScyllaDB workers must be tainted ${SCYLLA_NODE_TAINT.key}=${SCYLLA_NODE_TAINT.value}:${SCYLLA_NODE_TAINT.effect} (a JoinConfiguration patch)`);
  const others = workers.length - scylla.length;
  if (others === 0) throw bad('needs an untainted worker for cert-manager and the operator');
  return { file, text, scyllaNodes: scylla.length, otherWorkers: others };
}
