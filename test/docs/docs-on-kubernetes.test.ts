// The docs family (suites/docs) on the kind target against the source-faithful fake API server
// (test/kubernetes/fake-kube.ts playing fake-operator.ts): a `kubectl` that reads the fake's objects runs the page's
// Steps 1-4, and a local Alternator front door serves, as the scylla container does, the certificate in the Secret
// the StatefulSet mounts. Nothing of kind, Docker or a real API server runs here.
// UserManaged: v1.21.1 makes no `<sc>-alternator-local-serving-ca`, so Step 4 is "documentation differs" and the
// steps go on with the user's CA; the user's certificate names the Service's ClusterIP, so the page's
// https://<clusterIP>:8043 verifies. OperatorManaged: Step 4 reads the CA the fake operator published.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { executeRun } from '../../harness/run/run.ts';
import { discoverSuites, selectSuites } from '../../harness/run/suites.ts';
import type { Profile } from '../../harness/variant/profile.ts';
import type { Target } from '../../harness/targets/target.ts';
import type { CaseResult } from '../../harness/report/results.ts';
import { findAwsCli } from '../../harness/client/aws-cli.ts';
import { SUPERUSER } from '../../harness/targets/kubernetes/credentials.ts';
import { DataPlane } from '../../harness/targets/local/data-plane.ts';
import { FrontDoor } from '../../harness/targets/local/front-door.ts';
import { RoleStore } from '../../harness/targets/local/role-store.ts';
import { freeLoopbackPort } from '../../harness/targets/local/loopback.ts';
import { effectiveWriteIsolation, promisesOf, type Variant } from '../../harness/variant/model.ts';
import { fakes, kindTarget, variant, type Harness } from '../kubernetes/helpers.ts';
import { kubectlOverObjects, type FakeApiSnapshot } from './fake-programs.ts';

const found = await findAwsCli();
const awsMissing = 'missing' in found ? found.missing : undefined;

const UM = variant('um', { servingCertificate: { type: 'UserManaged', userManagedOptions: { secretName: 'um-alternator-local-serving-certs' } } });
const OM = variant('om');
const STEPS_1_4 = /Connect with AWS CLI, Steps 1-4/;
const NO_REGION = /Connect with AWS CLI: the page sets no region/;
const WRONG_CREDENTIALS = /Troubleshoot: wrong credentials give AccessDeniedException/;

/**
 * The pods' ports as the forwarder reaches them: 8043 served by a front door with the certificate of the Secret the
 * rack's StatefulSet mounts (read from the fake API when the harness forwards, i.e. after the rollout), 8000 closed
 * (HTTP off), 9180 the front door's metrics.
 */
function servePods(h: Harness, variants: Variant[]): () => Promise<void> {
  const stops: Array<() => Promise<void>> = [];
  const doors = new Map<string, FrontDoor>();
  h.forwarder.serve = async (t) => {
    const v = variants.find((x) => t.namespace.startsWith(`e2e-${x.name}-`))!;
    let door = doors.get(t.namespace);
    if (!door) {
      const secret = h.kube.objects().find((o) => o.kind === 'Secret' && o.metadata.namespace === t.namespace && o.metadata.name === `${v.name}-alternator-local-serving-certs`)!;
      const data = secret.data as Record<string, string>;
      const pem = (k: string) => Buffer.from(data[k]!, 'base64').toString('utf8');
      const roles = new RoleStore();
      // The superuser's salted_hash as the deployed cluster holds it (fake-cql.ts): what ScyllaDB checks signatures with.
      roles.add(SUPERUSER.role, { superuser: true }).saltedHash = h.kube.cqlClusterOf(t.namespace)!.saltedHashOf(SUPERUSER.role)!;
      const dataPlane = await new DataPlane().start();
      const p = promisesOf(v);
      door = await new FrontDoor({
        datacenter: 'dc1', dataPlane, tls: { certPem: pem('tls.crt'), keyPem: pem('tls.key') }, httpEnabled: false, httpPort: await freeLoopbackPort(),
        authorization: p.authorization, roles, writeIsolation: effectiveWriteIsolation(p), nodes: { dc1: ['10.244.1.10'] }, rack: 'a',
        localnodesParameters: true, maxTableNameLength: 222, offers: () => true, seastarServerHeader: true,
      }).start();
      doors.set(t.namespace, door);
      const d = door;
      stops.push(async () => {
        await d.stop();
        await dataPlane.stop();
      });
    }
    if (t.port === 8043) return door.httpsPort;
    if (t.port === 9180) return door.metricsPort;
    return freeLoopbackPort();
  };
  return async () => {
    await Promise.all(stops.map((s) => s()));
  };
}

async function runDocs(variants: Variant[]) {
  const h = fakes();
  const stopPods = servePods(h, variants);
  const objectsFile = join(mkdtempSync(join(tmpdir(), 'ae2e-fake-api-')), 'objects.json');
  const kubectl = kubectlOverObjects(objectsFile, SUPERUSER.password);
  const kind = kindTarget(h);
  // kubectl reads the fake API server as it is once the variant is deployed.
  const target: Target = {
    ...kind,
    name: kind.name,
    supports: (v) => kind.supports(v),
    plan: (vs, c) => kind.plan(vs, c),
    setUp: (c) => kind.setUp!(c),
    tearDown: (c) => kind.tearDown!(c),
    maxLiveDeployments: kind.maxLiveDeployments,
    deploy: async (v, c) => {
      const d = await kind.deploy(v, c);
      const objects = h.kube.objects();
      const namespaces = objects.filter((o) => o.kind === 'ScyllaCluster').map((o) => o.metadata.namespace!);
      const snapshot: FakeApiSnapshot = { objects, saltedHashes: Object.fromEntries(namespaces.map((n) => [n, h.kube.cqlClusterOf(n)!.saltedHashOf(SUPERUSER.role)!])) };
      writeFileSync(objectsFile, JSON.stringify(snapshot));
      return d;
    },
  };
  const profile: Profile = { name: 'p', file: 'p.yaml', suites: ['docs'], variants };
  const path = process.env.PATH;
  process.env.PATH = `${kubectl.dir}${delimiter}${path ?? ''}`;
  try {
    const out = await executeRun({
      profile,
      variants,
      suites: selectSuites(discoverSuites(), ['docs'], '--suite'),
      target,
      reportsDir: h.reportsDir,
      progress: h.ctx.progress,
      signal: h.ctx.signal,
      runId: 'run-1',
      out: { write: () => true } as unknown as NodeJS.WritableStream,
    });
    const cases = (name: string): CaseResult[] => out.result.variants.find((v) => v.name === name)!.suites.flatMap((s) => s.cases);
    return { out, cases, kubectl, h };
  } finally {
    process.env.PATH = path;
    await stopPods();
  }
}

describe('the docs family on the Kubernetes target (kind, source-faithful fake API server, the real AWS CLI)', () => {
  it.runIf(!awsMissing)(
    'UserManaged: Step 4 is "documentation differs" (no CA ConfigMap: the page assumes OperatorManaged) and every other step passes with the user\'s CA; OperatorManaged: Step 4 reads the operator\'s CA and passes',
    { timeout: 300_000 },
    async () => {
      const { out, cases, kubectl } = await runDocs([UM, OM]);
      const um = cases('um');
      const om = cases('om');
      const label = (c: CaseResult) => `${c.name} (${c.outcome}${c.reason ? `: ${c.reason}` : ''}${c.failure ? `: ${c.failure.message}` : ''})`;
      // Nothing failed or skipped on either variant.
      expect([...um, ...om].filter((c) => c.status !== 'passed').map(label)).toEqual([]);
      expect(um).toHaveLength(10);
      expect(om).toHaveLength(10);
      expect(out.exitCode, JSON.stringify(out.result.variants.map((v) => v.provisioning))).toBe(0);
      // The page's kubectl steps ran against the fake API: Step 4 asked for the ConfigMap on both variants.
      const step4 = kubectl.calls().filter((c) => c.argv.includes('configmap/um-alternator-local-serving-ca') || c.argv.includes('configmap/om-alternator-local-serving-ca'));
      expect(step4.map((c) => c.argv.find((a) => a.startsWith('configmap/'))).sort()).toEqual(['configmap/om-alternator-local-serving-ca', 'configmap/um-alternator-local-serving-ca']);
      // UserManaged: Step 4 differs, naming the page, kubectl's NotFound and the registered difference with its source.
      const umSteps = um.find((c) => STEPS_1_4.test(c.name))!;
      expect(umSteps.outcome).toBe('documentation-differs');
      expect(umSteps.reason).toMatch(/Step 4 downloads the TLS CA bundle with `kubectl get configmap\/\$\{CLUSTER_NAME\}-alternator-local-serving-ca` \(the page assumes an OperatorManaged certificate\)/);
      expect(umSteps.reason).toMatch(/Error from server \(NotFound\): configmaps "um-alternator-local-serving-ca" not found/);
      expect(umSteps.reason).toMatch(/operator-alternator-serving-ca-operator-managed-only: .*sync_certs\.go syncCerts/);
      // OperatorManaged: Steps 1-4 a plain pass (the ConfigMap exists and its CA signed what is served).
      expect(om.find((c) => STEPS_1_4.test(c.name))!.outcome).toBe('passed');
      // Every other case: passed, or the differences every variant has (the CLI's region, AccessDenied vs the wrong signature).
      for (const cs of [um, om]) {
        const rest = cs.filter((c) => !STEPS_1_4.test(c.name) && !NO_REGION.test(c.name) && !WRONG_CREDENTIALS.test(c.name));
        expect(rest.filter((c) => c.outcome !== 'passed').map(label)).toEqual([]);
        expect(rest).toHaveLength(7);
      }
      // The CLI reached https://<clusterIP>:8043 and verified it: create-table went through on the UserManaged variant.
      const created = um.find((c) => /create-table` of the page's SeaMonsters table/.test(c.name))!;
      expect(created.outcome).toBe('passed');
    },
  );
});
