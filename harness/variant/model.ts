// The variant model: what one deployment under test promises. Field names under `alternator`
// are exactly those of ScyllaCluster `spec.alternator` (scylla.scylladb.com/v1, AlternatorSpec),
// so a variant reads like the manifest it becomes on Kubernetes.
import { z } from 'zod';

export const WRITE_ISOLATION_MODES = ['always_use_lwt', 'only_rmw_uses_lwt', 'forbid_rmw', 'unsafe_rmw'] as const;
export type WriteIsolation = (typeof WRITE_ISOLATION_MODES)[number];
/**
 * Spellings ScyllaDB accepts for a mode (alternator/executor.cc, docs/alternator/alternator.md). The operator's
 * webhook (pkg/api/scylla/validation) accepts only `always`, `forbid_rmw` and `only_rmw_uses_lwt`, and writes
 * `always_use_lwt` when the field is empty: the Kubernetes targets report other spellings "not applicable";
 * the local, container and endpoint targets take any of them.
 */
export const OPERATOR_WRITE_ISOLATION_VALUES = ['always', 'forbid_rmw', 'only_rmw_uses_lwt'] as const;
export const WRITE_ISOLATION_ALIASES: Record<string, WriteIsolation> = {
  a: 'always_use_lwt', always: 'always_use_lwt', always_use_lwt: 'always_use_lwt',
  o: 'only_rmw_uses_lwt', only_rmw_uses_lwt: 'only_rmw_uses_lwt',
  f: 'forbid_rmw', forbid: 'forbid_rmw', forbid_rmw: 'forbid_rmw',
  u: 'unsafe_rmw', unsafe: 'unsafe_rmw', unsafe_rmw: 'unsafe_rmw',
};
export function normalizeWriteIsolation(value: string): WriteIsolation | undefined {
  // Own keys only: "toString" or "constructor" must not pass for a mode.
  return Object.hasOwn(WRITE_ISOLATION_ALIASES, value) ? WRITE_ISOLATION_ALIASES[value] : undefined;
}

const dnsName = z
  .string()
  .regex(/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, 'must be a lowercase DNS name (RFC 1123)');
const ipAddress = z.union([z.ipv4(), z.ipv6()], { error: 'must be an IPv4 or IPv6 address' });
const k8sName = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a lowercase RFC 1123 label (a-z, 0-9, "-"; at most 63 characters)');

export const OperatorManagedCertificate = z.strictObject({
  type: z.literal('OperatorManaged'),
  operatorManagedOptions: z
    .strictObject({
      additionalDNSNames: z.array(dnsName).optional(),
      additionalIPAddresses: z.array(ipAddress).optional(),
    })
    .optional(),
});
export const UserManagedCertificate = z.strictObject({
  type: z.literal('UserManaged'),
  userManagedOptions: z.strictObject({ secretName: k8sName }),
});
export const ServingCertificate = z.discriminatedUnion('type', [OperatorManagedCertificate, UserManagedCertificate], {
  error: 'type must be one of: OperatorManaged, UserManaged',
});
export type ServingCertificate = z.infer<typeof ServingCertificate>;

export const AlternatorSpec = z
  .strictObject({
    writeIsolation: z
      .string()
      .refine((v) => normalizeWriteIsolation(v) !== undefined, {
        error: `must be one of: ${Object.keys(WRITE_ISOLATION_ALIASES).join(', ')}`,
      })
      .optional(),
    insecureEnableHTTP: z.boolean().optional(),
    insecureDisableAuthorization: z.boolean().optional(),
    servingCertificate: ServingCertificate.optional(),
    /** Deprecated manual HTTP port; kept so the operator's CEL rule about it can be checked. */
    port: z.number().int().min(1).max(65535).optional(),
  })
  .superRefine((spec, ctx) => {
    // Mirrors the operator's CEL rule on AlternatorSpec.
    if (spec.port !== undefined && spec.insecureEnableHTTP === false) {
      ctx.addIssue({
        code: 'custom',
        path: ['insecureEnableHTTP'],
        message: "insecureEnableHTTP can't be false when using (insecure) port",
      });
    }
  });
export type AlternatorSpec = z.infer<typeof AlternatorSpec>;

export const Datacenter = z.strictObject({
  name: k8sName,
  members: z.number().int().min(1).max(5).default(1),
});
export const Topology = z.strictObject({
  datacenters: z.array(Datacenter).min(1).max(4).default([{ name: 'dc1', members: 1 }]),
});

export const Versions = z.strictObject({
  scylla: z.string().regex(/^\d+\.\d+(\.\d+)?(-[\w.]+)?$/, 'must look like 2026.2.4'),
  operator: z.string().regex(/^v\d+\.\d+(\.\d+)?(-[\w.]+)?$/, 'must look like v1.21.1'),
  /** ScyllaDB Manager agent (ScyllaCluster spec.agentVersion), optionally pinned by digest as the operator's config.yaml pins it. */
  agent: z.string().regex(/^\d+\.\d+\.\d+(@sha256:[0-9a-f]{64})?$/, 'must look like 3.10.1 or 3.10.1@sha256:<64 hex>').optional(),
});
export type Versions = z.infer<typeof Versions>;

export const Variant = z
  .strictObject({
    name: k8sName,
    alternator: AlternatorSpec.default({}),
    topology: Topology.default({ datacenters: [{ name: 'dc1', members: 1 }] }),
    versions: Versions,
  })
  .superRefine((v, ctx) => {
    const names = v.topology.datacenters.map((d) => d.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) ctx.addIssue({ code: 'custom', path: ['topology', 'datacenters'], message: `datacenter name "${dup}" is used twice; datacenter names must be unique` });
  });
export type Variant = z.infer<typeof Variant>;
export type Datacenter = z.infer<typeof Datacenter>;

/** What a variant promises, with the operator's defaults applied (types_cluster.go, AlternatorSpec). */
export interface Promises {
  authorization: 'enforced' | 'disabled';
  /** `undefined` means ScyllaDB's default applies (the operator passes nothing). */
  writeIsolation: WriteIsolation | undefined;
  httpEnabled: boolean;
  certificate: 'OperatorManaged' | 'UserManaged';
  additionalDNSNames: string[];
  additionalIPAddresses: string[];
  datacenters: string[];
}

export function promisesOf(v: Variant): Promises {
  const a = v.alternator;
  // Operator: with the deprecated `port` set and insecureDisableAuthorization unset, authorization is disabled.
  const authDisabled = a.insecureDisableAuthorization ?? a.port !== undefined;
  const cert = a.servingCertificate ?? { type: 'OperatorManaged' as const };
  return {
    authorization: authDisabled ? 'disabled' : 'enforced',
    writeIsolation: a.writeIsolation === undefined ? undefined : normalizeWriteIsolation(a.writeIsolation),
    httpEnabled: a.insecureEnableHTTP === true || a.port !== undefined,
    certificate: cert.type,
    additionalDNSNames: cert.type === 'OperatorManaged' ? (cert.operatorManagedOptions?.additionalDNSNames ?? []) : [],
    additionalIPAddresses: cert.type === 'OperatorManaged' ? (cert.operatorManagedOptions?.additionalIPAddresses ?? []) : [],
    datacenters: v.topology.datacenters.map((d) => d.name),
  };
}

/** What the operator writes into scylla.yaml when `writeIsolation` is empty (assets/scylladb/managedconfig.cm.yaml). */
export const SCYLLA_DEFAULT_WRITE_ISOLATION: WriteIsolation = 'always_use_lwt';
export function effectiveWriteIsolation(p: Promises): WriteIsolation {
  return p.writeIsolation ?? SCYLLA_DEFAULT_WRITE_ISOLATION;
}
