// runLoadPhase with `--workers N`: each workload asks the deployment for cluster options (one Job name per
// workload and run) and runs there; a deployment without the capability gets an error, not a local run.
import { describe, it, expect, afterEach } from 'vitest';
import { runLoadPhase } from '../../harness/run/load-phase.ts';
import { LoadPhase } from '../../harness/variant/profile.ts';
import { silentProgress } from '../../harness/util/progress.ts';
import type { Deployment } from '../../harness/targets/target.ts';
import type { ClusterLoadOptions } from '../../harness/load/kubernetes/orchestrate.ts';
import { startFakeEndpoint, type FakeEndpoint } from '../../harness/load/fake-endpoint.ts';
import { endpointFor } from './endpoint-fixture.ts';

const creds = { accessKeyId: 'alternator', secretAccessKey: 'phase-secret-value' };
let fe: FakeEndpoint | undefined;
afterEach(() => fe?.close());

describe('load phase with --workers', () => {
  it('gives every workload cluster options from the deployment; no operation runs on this machine', async () => {
    fe = await startFakeEndpoint({ verify: creds });
    const requests: unknown[] = [];
    const applied: string[] = [];
    const d: Deployment = {
      endpoint: endpointFor(fe.url, { credentials: creds }),
      stop: async () => undefined,
      loadCluster: async (r): Promise<ClusterLoadOptions> => {
        requests.push(r);
        return {
          boundary: {
            applyJob: async (job) => {
              applied.push(`${job.metadata!.namespace}/${job.metadata!.name} x${job.spec!.parallelism}`);
              throw new Error('the fake cluster refuses Jobs');
            },
            waitJobComplete: async () => ({ succeeded: true }),
            podLogs: async () => [],
          },
          namespace: 'e2e-v1',
          workers: r.workers,
          image: 'img:1',
          inClusterUrl: 'https://v1-client.e2e-v1.svc:8043',
          credentialsSecret: { name: 's' },
          jobName: r.name,
        };
      },
    };
    const phase = LoadPhase.parse({ workloads: ['A', 'C'], durationSeconds: 1, recordCount: 20, concurrency: 3 });
    const out = await runLoadPhase({ phase, workers: 3 }, [d], silentProgress, new AbortController().signal);
    expect(requests).toEqual([
      { workers: 3, datacenter: 'dc1', name: 'load-A-0-test-run' },
      { workers: 3, datacenter: 'dc1', name: 'load-C-1-test-run' },
    ]);
    expect(applied).toEqual(['e2e-v1/load-a-0-test-run-insert x3', 'e2e-v1/load-c-1-test-run-insert x3']);
    expect(out.errors).toEqual([expect.stringMatching(/^load A on v1: the fake cluster refuses Jobs/), expect.stringMatching(/^load C on v1: the fake cluster refuses Jobs/)]);
    expect(fe.counts.has('PutItem') || fe.counts.has('BatchWriteItem') || fe.counts.has('GetItem')).toBe(false);
  });

  it('a deployment without loadCluster is an error for the workload, naming the targets that can', async () => {
    const d: Deployment = { endpoint: endpointFor('http://127.0.0.1:9'), stop: async () => undefined };
    const phase = LoadPhase.parse({ workloads: ['C'], durationSeconds: 1 });
    const out = await runLoadPhase({ phase, workers: 2 }, [d], silentProgress, new AbortController().signal);
    expect(out.reports).toEqual([]);
    expect(out.errors).toEqual(['load C on v1: --workers: target local cannot run load workers in a cluster (kind and kubeconfig can)']);
  });
});
