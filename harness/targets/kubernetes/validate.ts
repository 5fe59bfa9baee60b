// Client-side validation of the manifests before anything is applied, from the operator's API rules as
// read in scylla-operator: the CRD schema (pkg/api/scylla/v1/types_cluster.go), the admission webhook
// (pkg/api/scylla/validation/cluster_validation.go) and the Alternator enhancement proposal's CEL rule.
// A server-side dry run follows when a cluster exists; this catches mistakes with no cluster at all.
import { isIP } from 'node:net';
import type { KubeObject } from './kube-types.ts';
import { LABELS, isDeployTimePlaceholder } from './manifests.ts';
import { ConfigError } from '../../util/errors.ts';

/**
 * Values the operator's webhook accepts for spec.alternator.writeIsolation (AlternatorSupportedWriteIsolation).
 * Narrower than what ScyllaDB accepts: `always_use_lwt`, `unsafe_rmw` and the one-letter forms are rejected.
 */
export const OPERATOR_WRITE_ISOLATION = ['always', 'forbid_rmw', 'only_rmw_uses_lwt'] as const;
export const CERTIFICATE_TYPES = ['OperatorManaged', 'UserManaged'] as const;
const NODE_SERVICE_TYPES = ['Headless', 'ClusterIP', 'LoadBalancer'];
/** Broadcast address type → node Service types that can provide it (webhook ValidateBroadcastOptions). */
const BROADCAST_NEEDS: Record<string, string[]> = {
  PodIP: ['Headless', 'ClusterIP', 'LoadBalancer'],
  ServiceClusterIP: ['ClusterIP', 'LoadBalancer'],
  ServiceLoadBalancerIngress: ['LoadBalancer'],
};
/** StatefulSet names above 52 characters break the pods' controller-revision-hash label (63 max). */
export const MAX_STATEFULSET_NAME = 52;

export interface ValidationIssue {
  object: string;
  field: string;
  message: string;
  fix?: string;
}

const LABEL_1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUANTITY = /^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const NAMESPACED = new Set(['ConfigMap', 'Secret', 'ScyllaCluster', 'Service', 'Deployment', 'Issuer']);

const isDns1123Label = (s: string) => s.length <= 63 && LABEL_1123.test(s);
const isDns1123Subdomain = (s: string) => s.length <= 253 && SUBDOMAIN.test(s);
const get = (o: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((acc, k) => (acc && typeof acc === 'object' ? (acc as Record<string, unknown>)[k] : undefined), o);
const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const zeroQuantity = (v: unknown) => v === undefined || v === null || v === '' || v === 0 || (typeof v === 'string' && /^0+(\.0+)?[a-zA-Z]*$/.test(v));

export interface ValidateOptions {
  /** The plan writes placeholders for values known only at deploy time; a real apply must not. */
  allowPlaceholders?: boolean;
  /** A UserManaged Secret deliberately absent (the zero-member secret-name probe, whose pods never exist). */
  allowAbsentUserSecret?: boolean;
}

export function validateManifests(objects: readonly KubeObject[], o: ValidateOptions = {}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const obj of objects) validateObject(obj, objects, o, issues);
  validateDatacenterSets(objects, issues);
  return issues;
}

export function assertValid(objects: readonly KubeObject[], o: ValidateOptions = {}): void {
  const issues = validateManifests(objects, o);
  if (issues.length) throw new ConfigError(formatIssues(issues));
}

export function formatIssues(issues: readonly ValidationIssue[]): string {
  return `${issues.length} manifest problem(s):\n${issues
    .map((i) => `  - ${i.object}: ${i.field}: ${i.message}${i.fix ? ` (fix: ${i.fix})` : ''}`)
    .join('\n')}`;
}

function nameOf(obj: KubeObject): string {
  const m = obj?.metadata ?? ({} as KubeObject['metadata']);
  return `${obj?.kind ?? '(no kind)'} ${m.namespace ? `${m.namespace}/` : ''}${m.name ?? '(no name)'}`;
}

function validateObject(obj: KubeObject, all: readonly KubeObject[], o: ValidateOptions, issues: ValidationIssue[]) {
  const add = (field: string, message: string, fix?: string) => issues.push({ object: nameOf(obj), field, message, ...(fix ? { fix } : {}) });
  if (!nonEmptyString(obj?.apiVersion)) add('apiVersion', 'is required');
  if (!nonEmptyString(obj?.kind)) add('kind', 'is required');
  const name = obj?.metadata?.name;
  if (!nonEmptyString(name)) return add('metadata.name', 'is required');
  if (obj.kind === 'Namespace') {
    if (!isDns1123Label(name)) add('metadata.name', `"${name}" must be a DNS-1123 label (lowercase a-z, 0-9, "-", at most 63 characters)`, 'shorten the variant or datacenter name');
  } else if (!isDns1123Subdomain(name)) add('metadata.name', `"${name}" must be a DNS-1123 subdomain`);
  if (NAMESPACED.has(obj.kind) && !nonEmptyString(obj.metadata.namespace)) add('metadata.namespace', 'is required for a namespaced object');
  for (const [k, v] of Object.entries(obj.metadata.labels ?? {})) {
    const keyName = k.split('/').pop() ?? '';
    if (!LABEL_KEY.test(k) || keyName.length > 63) add(`metadata.labels["${k}"]`, 'is not a valid label key');
    if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) add(`metadata.labels["${k}"]`, `value "${String(v)}" is not a valid label value (at most 63 characters: A-Z, a-z, 0-9, "-", "_", ".")`);
  }
  if (obj.kind === 'ScyllaCluster') validateScyllaCluster(obj, all, o, add);
  if (obj.kind === 'Secret') validateSecret(obj, add);
  if (obj.kind === 'NodeConfig') validateNodeConfig(obj, add);
}

type Add = (field: string, message: string, fix?: string) => void;

function validateScyllaCluster(sc: KubeObject, all: readonly KubeObject[], o: ValidateOptions, add: Add) {
  const name = sc.metadata.name;
  const ns = sc.metadata.namespace;
  const spec = sc.spec as Record<string, unknown> | undefined;
  if (!spec || typeof spec !== 'object') return add('spec', 'is required');
  // The operator derives Service names from the ScyllaCluster name; Service names are DNS-1035 labels.
  if (!LABEL_1035.test(name)) add('metadata.name', `"${name}" must start with a letter: the operator names Services "${name}-client" and Services must be DNS-1035 labels`, 'rename the variant to start with a letter');
  if (`${name}-client`.length > 63) add('metadata.name', `"${name}-client" (the client Service) is longer than 63 characters`, 'shorten the variant name');
  if (!nonEmptyString(spec.version)) add('spec.version', 'is required (the ScyllaDB image tag)');
  if (spec.agentVersion !== undefined && !nonEmptyString(spec.agentVersion)) add('spec.agentVersion', 'must be a non-empty string');
  const dcName = get(spec, 'datacenter.name');
  if (!nonEmptyString(dcName)) add('spec.datacenter.name', 'is required');
  else if (!isDns1123Label(dcName)) add('spec.datacenter.name', `"${dcName}" must be a DNS-1123 label: it is part of StatefulSet and Service names`);
  const racks = get(spec, 'datacenter.racks');
  if (!Array.isArray(racks) || racks.length === 0) add('spec.datacenter.racks', 'needs at least one rack');
  const rackNames = new Set<string>();
  (Array.isArray(racks) ? racks : []).forEach((r: Record<string, unknown>, i: number) => {
    const f = `spec.datacenter.racks[${i}]`;
    if (!nonEmptyString(r.name)) return add(`${f}.name`, 'is required');
    if (rackNames.has(r.name)) add(`${f}.name`, `"${r.name}" is used twice; rack names must be unique`);
    rackNames.add(r.name);
    if (!Number.isInteger(r.members) || (r.members as number) < 0) add(`${f}.members`, 'must be a non-negative integer');
    const capacity = get(r, 'storage.capacity');
    if (!nonEmptyString(capacity) || !QUANTITY.test(capacity)) add(`${f}.storage.capacity`, 'is required and must be a quantity such as 1Gi');
    // Webhook: "set cpu, memory resource limits".
    if (zeroQuantity(get(r, 'resources.limits.cpu')) || zeroQuantity(get(r, 'resources.limits.memory')))
      add(`${f}.resources.limits`, 'cpu and memory limits are required and must be non-zero (operator webhook)');
    if (nonEmptyString(dcName)) {
      const sts = `${name}-${dcName}-${r.name}`;
      if (sts.length > MAX_STATEFULSET_NAME)
        add(`${f}.name`, `StatefulSet name "${sts}" is ${sts.length} characters; at most ${MAX_STATEFULSET_NAME} fit the pods' controller-revision-hash label`, 'shorten the variant or datacenter name');
      const lastMember = `${sts}-${Math.max(0, Number(r.members ?? 1) - 1)}`;
      if (lastMember.length > 63) add(`${f}.members`, `member Service name "${lastMember}" is longer than 63 characters`);
    }
    if (r.scyllaConfig !== undefined) {
      const cm = all.find((x) => x.kind === 'ConfigMap' && x.metadata?.name === r.scyllaConfig && x.metadata?.namespace === ns);
      const yaml = (cm?.data as Record<string, string> | undefined)?.['scylla.yaml'];
      if (!cm) add(`${f}.scyllaConfig`, `references ConfigMap "${String(r.scyllaConfig)}", which is not among the manifests of namespace ${ns}`);
      else if (!yaml || !/authenticator:\s*PasswordAuthenticator/.test(yaml))
        add(`${f}.scyllaConfig`, `ConfigMap "${String(r.scyllaConfig)}" must set authenticator: PasswordAuthenticator in scylla.yaml, or Alternator has no credentials`);
    }
  });
  if (spec.alternator !== undefined) validateAlternator(spec.alternator as Record<string, unknown>, sc, all, o, add);
  validateExposeOptions(spec.exposeOptions as Record<string, unknown> | undefined, add);
  if (spec.externalSeeds !== undefined) {
    if (!Array.isArray(spec.externalSeeds)) add('spec.externalSeeds', 'must be a list of addresses');
    else
      spec.externalSeeds.forEach((s: unknown, i: number) => {
        const ok = typeof s === 'string' && (isIP(s) !== 0 || isDns1123Subdomain(s) || (o.allowPlaceholders === true && isDeployTimePlaceholder(s)));
        if (!ok) add(`spec.externalSeeds[${i}]`, `"${String(s)}" must be an IP address or a DNS name`);
      });
  }
}

function validateAlternator(a: Record<string, unknown>, sc: KubeObject, all: readonly KubeObject[], o: ValidateOptions, add: Add) {
  const f = 'spec.alternator';
  if (a.writeIsolation !== undefined && a.writeIsolation !== '' && !(OPERATOR_WRITE_ISOLATION as readonly unknown[]).includes(a.writeIsolation))
    add(`${f}.writeIsolation`, `"${String(a.writeIsolation)}" is not accepted by the operator's webhook; allowed: ${OPERATOR_WRITE_ISOLATION.join(', ')}`, 'use "always" for always_use_lwt; unsafe_rmw cannot be set through the operator');
  const port = a.port;
  if (port !== undefined && (!Number.isInteger(port) || (port as number) < 0 || (port as number) > 65535)) add(`${f}.port`, 'must be an integer port number');
  const portSet = typeof port === 'number' && port !== 0;
  // CEL rule of the Alternator enhancement proposal: ( has(self.port) && self.port != 0) ? self.insecureEnableHTTP != false : true
  if (portSet && a.insecureEnableHTTP === false) add(`${f}.insecureEnableHTTP`, "insecureEnableHTTP can't be false when using (insecure) port.", 'remove insecureEnableHTTP or the deprecated port');
  // Webhook (ValidateAlternatorSpec): with insecureEnableHTTP true, the deprecated port is forbidden.
  if (portSet && a.insecureEnableHTTP === true) add(`${f}.port`, 'deprecated port is not allowed to be specified when insecureEnableHTTP is true (operator webhook)', 'remove the deprecated port');
  for (const k of ['insecureEnableHTTP', 'insecureDisableAuthorization'])
    if (a[k] !== undefined && typeof a[k] !== 'boolean') add(`${f}.${k}`, 'must be true or false');
  const cert = a.servingCertificate as Record<string, unknown> | undefined;
  if (cert === undefined) return;
  const cf = `${f}.servingCertificate`;
  if (!nonEmptyString(cert.type)) return add(`${cf}.type`, `is required; allowed: ${CERTIFICATE_TYPES.join(', ')}`);
  if (!(CERTIFICATE_TYPES as readonly string[]).includes(cert.type)) return add(`${cf}.type`, `"${cert.type}" is not supported; allowed: ${CERTIFICATE_TYPES.join(', ')}`);
  if (cert.type === 'UserManaged') {
    const secretName = get(cert, 'userManagedOptions.secretName');
    if (cert.userManagedOptions === undefined) return add(`${cf}.userManagedOptions`, 'is required when type is UserManaged', 'set userManagedOptions.secretName to a kubernetes.io/tls Secret');
    if (!nonEmptyString(secretName)) return add(`${cf}.userManagedOptions.secretName`, 'is required');
    if (!isDns1123Subdomain(secretName)) return add(`${cf}.userManagedOptions.secretName`, `"${secretName}" must be a DNS-1123 subdomain`);
    const secret = all.find((x) => x.kind === 'Secret' && x.metadata?.name === secretName && x.metadata?.namespace === sc.metadata.namespace);
    if (!secret) {
      if (!o.allowAbsentUserSecret) add(`${cf}.userManagedOptions.secretName`, `Secret "${secretName}" is not among the manifests of namespace ${sc.metadata.namespace}`, 'the harness creates it for UserManaged variants');
    }
    else if (secret.type !== 'kubernetes.io/tls') add(`${cf}.userManagedOptions.secretName`, `Secret "${secretName}" must have type kubernetes.io/tls`);
  } else {
    const names = get(cert, 'operatorManagedOptions.additionalDNSNames');
    const ips = get(cert, 'operatorManagedOptions.additionalIPAddresses');
    (Array.isArray(names) ? names : []).forEach((n: unknown, i: number) => {
      if (typeof n !== 'string' || !isDns1123Subdomain(n)) add(`${cf}.operatorManagedOptions.additionalDNSNames[${i}]`, `"${String(n)}" must be a DNS-1123 subdomain`);
    });
    (Array.isArray(ips) ? ips : []).forEach((n: unknown, i: number) => {
      if (typeof n !== 'string' || isIP(n) === 0) add(`${cf}.operatorManagedOptions.additionalIPAddresses[${i}]`, `"${String(n)}" must be an IP address`);
    });
  }
}

function validateExposeOptions(e: Record<string, unknown> | undefined, add: Add) {
  if (e === undefined) return;
  const nodeServiceType = (get(e, 'nodeService.type') as string | undefined) ?? 'ClusterIP';
  if (e.nodeService !== undefined && !NODE_SERVICE_TYPES.includes(nodeServiceType))
    add('spec.exposeOptions.nodeService.type', `"${nodeServiceType}" is not supported; allowed: ${NODE_SERVICE_TYPES.join(', ')}`);
  for (const who of ['nodes', 'clients']) {
    const t = get(e, `broadcastOptions.${who}.type`) as string | undefined;
    if (e.broadcastOptions === undefined) continue;
    const field = `spec.exposeOptions.broadcastOptions.${who}.type`;
    if (!t || !BROADCAST_NEEDS[t]) add(field, `"${String(t)}" is not supported; allowed: ${Object.keys(BROADCAST_NEEDS).join(', ')}`);
    else if (!BROADCAST_NEEDS[t]!.includes(nodeServiceType)) add(field, `${t} cannot be broadcast with node Service type ${nodeServiceType}; allowed node Service types: ${BROADCAST_NEEDS[t]!.join(', ')}`);
  }
}

function validateSecret(s: KubeObject, add: Add) {
  const data = (s.data ?? {}) as Record<string, unknown>;
  if (s.type === 'kubernetes.io/tls') for (const k of ['tls.crt', 'tls.key']) if (!nonEmptyString(data[k])) add(`data["${k}"]`, 'is required for a kubernetes.io/tls Secret');
  for (const [k, v] of Object.entries(data))
    if (typeof v !== 'string' || (!isDeployTimePlaceholder(v) && !/^[A-Za-z0-9+/]*={0,2}$/.test(v))) add(`data["${k}"]`, 'must be base64');
}

function validateNodeConfig(n: KubeObject, add: Add) {
  if (get(n, 'spec.placement') === undefined) add('spec.placement', 'is required');
  const sysctls = get(n, 'spec.sysctls');
  if (sysctls !== undefined)
    (Array.isArray(sysctls) ? sysctls : [null]).forEach((s: unknown, i: number) => {
      if (!nonEmptyString(get(s, 'name')) || typeof get(s, 'value') !== 'string') add(`spec.sysctls[${i}]`, 'needs a name and a string value');
    });
}

/** Multi-DC: one ScyllaDB cluster = ScyllaClusters with the same name, unique datacenter names, seeds after the first. */
function validateDatacenterSets(objects: readonly KubeObject[], issues: ValidationIssue[]) {
  const byVariant = new Map<string, KubeObject[]>();
  for (const o of objects) {
    const v = o?.metadata?.labels?.[LABELS.variant];
    if (o?.kind === 'ScyllaCluster' && v) byVariant.set(v, [...(byVariant.get(v) ?? []), o]);
  }
  for (const [variant, scs] of byVariant) {
    if (scs.length < 2) continue;
    const object = `variant ${variant}`;
    const names = new Set(scs.map((s) => s.metadata.name));
    if (names.size > 1) issues.push({ object, field: 'metadata.name', message: `ScyllaClusters of one multi-datacenter cluster must share metadata.name (the ScyllaDB cluster name); got ${[...names].join(', ')}` });
    const dcs = scs.map((s) => String(get(s, 'spec.datacenter.name')));
    const dup = dcs.find((d, i) => dcs.indexOf(d) !== i);
    if (dup) issues.push({ object, field: 'spec.datacenter.name', message: `datacenter name "${dup}" is used twice; datacenter names must be unique across the cluster` });
    const nss = scs.map((s) => s.metadata.namespace);
    if (new Set(nss).size !== nss.length) issues.push({ object, field: 'metadata.namespace', message: 'each datacenter needs its own namespace (same ScyllaCluster name in each)' });
    scs.slice(1).forEach((s) => {
      const seeds = get(s, 'spec.externalSeeds');
      if (!Array.isArray(seeds) || seeds.length === 0)
        issues.push({ object: nameOf(s), field: 'spec.externalSeeds', message: 'a datacenter after the first needs externalSeeds (addresses of the first datacenter\'s nodes)' });
    });
  }
}
