// The embedded default target: one DynamoDB data plane (dynalite) per variant and one Alternator front
// door per datacenter, on loopback, with certificates from a freshly generated CA. No Docker, no Kubernetes.
// Multi-DC topology (variant.topology with several datacenters): as the operator's manual multi-DC setup has
// one ScyllaCluster per datacenter, each datacenter gets its own front door (own HTTPS/HTTP ports), its own
// serving CA and certificate, its own role store (credentials are DC-local) and a /localnodes answer listing
// only its own node addresses (127.0.<dc>.<member>). All front doors share ONE data plane, so replication
// between datacenters is immediate here (on ScyllaDB it is eventual: suites must poll, never assume).
import { buildEndpoint } from '../../endpoint/build.ts';
import type { Target, Deployment, RunContext, PlanStep } from '../target.ts';
import type { Variant } from '../../variant/model.ts';
import { promisesOf, effectiveWriteIsolation } from '../../variant/model.ts';
import type { DatacenterEndpoint } from '../../endpoint/contract.ts';
import { createCA, issueServingCertificate } from '../../tls/ca.ts';
import { DataPlane } from './data-plane.ts';
import { FrontDoor, type FrontDoorOptions } from './front-door.ts';
import { differenceById, feature, holdsFor } from '../../differences/registry.ts';
import { RoleStore } from './role-store.ts';
import { EXTRA_ROLES, extraRoleCredentials } from '../extra-roles.ts';
import { faultFlags, FAULTS, FAULT_NAMES } from './faults.ts';
import { ConfigError } from '../../util/errors.ts';
import { clusterName, namespaceFor, clientServiceDNS, memberServiceName, DEFAULT_RACK } from '../../variant/naming.ts';
import { freeLoopbackPort } from './loopback.ts';
import { TTL_SCAN_PERIOD_MS } from './ttl-expiry.ts';

export interface LocalTargetOptions {
  /** Name of a deliberate deviation (harness/targets/local/faults.ts); only to prove suites can fail. */
  fault?: string;
}

/** The superuser role every ScyllaCluster starts with, and the roles authorization tests use (EXTRA_ROLES). */
const SUPERUSER = 'cassandra';
/** What produces Alternator's behaviour on this target: nothing of ScyllaDB or the operator runs. */
export const LOCAL_EMULATION = "the local target's Alternator front door (harness/targets/local) over dynalite: no ScyllaDB or operator ran";

export function createLocalTarget(options: LocalTargetOptions = {}): Target {
  if (options.fault && !FAULTS[options.fault])
    throw new ConfigError('unknown fault', { field: '--inject-fault', value: options.fault, allowed: FAULT_NAMES });
  return {
    name: 'local',
    supports: () => ({ ok: true }),
    async plan(variants: readonly Variant[]): Promise<PlanStep[]> {
      return variants.flatMap((v) => [
        {
          step: `start data plane for ${v.name}`,
          detail: `dynalite, in memory, on 127.0.0.1${v.topology.datacenters.length > 1 ? `, shared by ${v.topology.datacenters.length} datacenters (replication between them is immediate)` : ''}`,
        },
        ...v.topology.datacenters.map((dc) => ({
          step: `start front door ${v.name}/${dc.name}`,
          detail: describeFrontDoor(v),
        })),
      ]);
    },
    deploy: (variant, ctx) => deployLocal(variant, ctx, options),
  };
}

/** Version-dependent rules of the emulated ScyllaDB, read from the documented differences for the variant's version. */
function emulatedRules(v: Variant): Pick<FrontDoorOptions, 'maxTableNameLength' | 'localnodesParameters' | 'offers' | 'seastarServerHeader'> {
  const subject = { apiProfile: 'alternator' as const, dataPlane: 'dynalite' as const, versions: v.versions };
  const holds = (id: string) => holdsFor(differenceById(id), subject);
  return {
    maxTableNameLength: holds('alternator-table-name-192') ? 192 : holds('alternator-table-name-222') ? 222 : 255,
    localnodesParameters: feature(subject, 'localnodes-dc-rack').ok,
    offers: memoize((f) => feature(subject, f).ok),
    seastarServerHeader: holds('alternator-server-header-seastar'),
  };
}

function memoize<K, V>(f: (k: K) => V): (k: K) => V {
  const seen = new Map<K, V>();
  return (k) => {
    if (!seen.has(k)) seen.set(k, f(k));
    return seen.get(k)!;
  };
}

function describeFrontDoor(v: Variant): string {
  const p = promisesOf(v);
  return [
    `HTTPS (${p.certificate} certificate)`,
    p.httpEnabled ? 'HTTP on' : 'HTTP off',
    `authorization ${p.authorization}`,
    `write isolation ${effectiveWriteIsolation(p)}${p.writeIsolation ? '' : ' (ScyllaDB default)'}`,
  ].join(', ');
}

async function deployLocal(variant: Variant, ctx: RunContext, options: LocalTargetOptions): Promise<Deployment> {
  const promises = promisesOf(variant);
  const flags = faultFlags(options.fault);
  const userManaged = promises.certificate === 'UserManaged';
  const sc = clusterName(variant);
  const dataPlane = await new DataPlane().start();
  const doors: FrontDoor[] = [];
  const stop = async () => {
    await Promise.all(doors.map((d) => d.stop()));
    await dataPlane.stop();
  };
  try {
    const dcs = variant.topology.datacenters;
    // Node addresses /localnodes reports: one loopback address per member, distinct per datacenter.
    const nodesOf = (i: number) => Array.from({ length: dcs[i]!.members }, (_, m) => `127.0.${i + 1}.${m + 1}`);
    const nodes = Object.fromEntries(dcs.map((dc, i) => [dc.name, nodesOf(i)]));
    const emulates = emulatedRules(variant);
    const roleStores = dcs.map(() => new RoleStore());
    const endpoints: DatacenterEndpoint[] = [];
    for (const [i, dc] of dcs.entries()) {
      const ns = namespaceFor(variant, dc.name);
      const roles = roleStores[i]!;
      const admin = roles.add(SUPERUSER, { superuser: true });
      const extraHashes = new Map(EXTRA_ROLES.map((r) => [r.name, roles.add(r.name, { permissions: r.permissions, login: r.login }).saltedHash]));
      const clientDNS = clientServiceDNS(sc, ns);
      const memberDNS = Array.from({ length: dc.members }, (_, m) => `${memberServiceName(sc, dc.name, DEFAULT_RACK, m)}.${ns}.svc`);
      const clientIPs = ['127.0.0.1'];
      const ca = await createCA(userManaged ? `alternator-e2e user CA for ${sc}/${dc.name}` : `${ns}/${sc}-alternator-local-serving-ca`);
      const dnsNames = [...(flags.omitClientNameSan ? [] : [clientDNS]), ...memberDNS, ...promises.additionalDNSNames];
      const serving = await issueServingCertificate(ca, {
        commonName: userManaged ? clientDNS : `${sc}-alternator`,
        dnsNames,
        ipAddresses: [...clientIPs, ...promises.additionalIPAddresses],
      });
      // With HTTP off, a port that nothing listens on stands for "the HTTP port" the suite checks is closed.
      const httpPort = promises.httpEnabled ? 0 : await freeLoopbackPort();
      const door = await new FrontDoor({
        datacenter: dc.name,
        dataPlane,
        tls: serving,
        httpEnabled: promises.httpEnabled,
        httpPort,
        authorization: promises.authorization,
        roles,
        otherDatacenterRoles: roleStores.filter((_, j) => j !== i),
        writeIsolation: effectiveWriteIsolation(promises),
        nodes,
        rack: DEFAULT_RACK,
        ...emulates,
        scyllaVersion: variant.versions.scylla,
        fault: options.fault,
      }).start();
      doors.push(door);
      endpoints.push({
        datacenter: dc.name,
        httpsUrl: `https://127.0.0.1:${door.httpsPort}`,
        tlsServerName: clientDNS,
        caBundlePem: ca.certPem,
        ...(promises.httpEnabled ? { httpUrl: `http://127.0.0.1:${door.httpPortBound}` } : { httpProbeUrl: `http://127.0.0.1:${httpPort}` }),
        credentials: { accessKeyId: admin.name, secretAccessKey: admin.saltedHash },
        extraRoles: extraRoleCredentials((role) => extraHashes.get(role)),
        metricsUrls: [`http://127.0.0.1:${door.metricsPort}/metrics`],
        clientNames: { dnsNames: [clientDNS], ipAddresses: clientIPs },
        ...(userManaged ? { userCertificatePem: serving.certPem } : {}),
      });
    }
    const endpoint = buildEndpoint(variant, ctx, {
      target: 'local',
      apiProfile: 'alternator',
      dataPlane: 'dynalite',
      versionsSource: 'emulated',
      emulatedBy: LOCAL_EMULATION,
      datacenters: endpoints,
      // Separate role stores and CAs per datacenter (above): DC-local is what this target promises.
      datacenterSharing: { credentials: 'datacenter-local', servingCA: 'datacenter-local' },
      // The data plane's emulated expiration scan (ttl-expiry.ts), as alternator_ttl_period_in_seconds.
      ttlScanPeriodSeconds: TTL_SCAN_PERIOD_MS / 1000,
    });
    return { endpoint, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
