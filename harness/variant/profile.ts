// Profiles (fixtures/profiles/*.yaml) name variants and suites. Loading validates everything and
// turns the option matrix into concrete variants; any error names the file, field, value and allowed values.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../util/errors.ts';
import { Variant, AlternatorSpec, Topology, Versions, WRITE_ISOLATION_ALIASES, normalizeWriteIsolation, type ServingCertificate } from './model.ts';
import { cartesian, pairwise, withAxis, type Factor, type Combination } from './matrix.ts';
import { fixturesDir } from '../util/paths.ts';
import { alternatorServingCertSecretName } from './naming.ts';
import { isWorkloadName, WORKLOAD_NAMES } from '../load/workloads.ts';

/** Serving certificate presets a matrix can name (a matrix needs discrete values, not free objects), per cluster name. */
export const CERTIFICATE_PRESETS: Record<string, (cluster: string) => ServingCertificate> = {
  OperatorManaged: () => ({ type: 'OperatorManaged' }),
  OperatorManagedAdditionalNames: () => ({
    type: 'OperatorManaged',
    // The operator's own e2e test uses these two (test/e2e/set/scyllacluster/scyllacluster_alternator.go).
    operatorManagedOptions: { additionalDNSNames: ['scylla.operator.rocks'], additionalIPAddresses: ['42.42.42.42'] },
  }),
  // The Secret the operator mounts: v1.21.1 and HEAD ignore any other secretName (scylladb/scylla-operator#2248).
  UserManaged: (cluster) => ({ type: 'UserManaged', userManagedOptions: { secretName: alternatorServingCertSecretName(cluster) } }),
};

const MATRIX_FACTORS = {
  // Every spelling ScyllaDB accepts; the operator's webhook accepts only always, forbid_rmw and only_rmw_uses_lwt.
  writeIsolation: Object.keys(WRITE_ISOLATION_ALIASES) as [string, ...string[]],
  insecureEnableHTTP: ['true', 'false'],
  insecureDisableAuthorization: ['true', 'false'],
  servingCertificate: Object.keys(CERTIFICATE_PRESETS),
} as const;
type MatrixFactor = keyof typeof MATRIX_FACTORS;

export const LoadPhase = z.strictObject({
  workloads: z
    .array(z.string().refine((w) => isWorkloadName(w), { error: `must be one of: ${WORKLOAD_NAMES.join(', ')}` }))
    .min(1),
  durationSeconds: z.number().positive().max(3600).default(10),
  concurrency: z.number().int().min(1).max(1024).default(16),
  recordCount: z.number().int().min(1).default(1000),
  rate: z.number().positive().optional(),
  distribution: z.enum(['uniform', 'zipfian']).default('zipfian'),
  /** Default: open when a rate is given, closed otherwise. */
  mode: z.enum(['open', 'closed']).optional(),
  /** raw (the fast client, default) or sdk (@aws-sdk/client-dynamodb, for comparison). */
  client: z.enum(['raw', 'sdk']).optional(),
  /** Worker threads on the harness machine. */
  threads: z.number().int().min(1).max(64).optional(),
  seed: z.number().int().min(0).optional(),
  /**
   * The representative variants the load phase runs on (names of this profile's variants, matrix ones included);
   * absent: every variant. A long phase on every variant of a large matrix does not fit a CI job.
   */
  variants: z
    .array(z.string().min(1))
    .min(1)
    .refine((names) => new Set(names).size === names.length, { error: 'names a variant twice' })
    .optional(),
});
export type LoadPhase = z.infer<typeof LoadPhase>;

const ProfileFile = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  versions: Versions,
  suites: z.array(z.string().min(1)).min(1),
  variants: z
    .array(
      z.strictObject({
        name: Variant.shape.name,
        alternator: AlternatorSpec.default({}),
        topology: Topology.optional(),
        versions: Versions.partial().optional(),
      }),
    )
    .default([]),
  matrix: z
    .strictObject({
      expand: z.enum(['full', 'pairwise']),
      namePrefix: z.string().regex(/^[a-z][a-z0-9-]{0,20}$/).default('m'),
      options: z.strictObject({
        writeIsolation: z.array(z.enum(MATRIX_FACTORS.writeIsolation)).min(1).optional(),
        insecureEnableHTTP: z.array(z.boolean()).min(1).optional(),
        insecureDisableAuthorization: z.array(z.boolean()).min(1).optional(),
        servingCertificate: z.array(z.enum(Object.keys(CERTIFICATE_PRESETS) as [string, ...string[]])).min(1).optional(),
      }),
      topology: Topology.optional(),
      /**
       * More ScyllaDB versions to qualify (a version axis): the matrix runs on `versions.scylla`; each of these with
       * every option value at least once (matrix.ts withAxis). Named `s<yy>-<minor>-<options>`.
       */
      scyllaVersions: z.array(Versions.shape.scylla).min(1).optional(),
    })
    .optional(),
  load: LoadPhase.optional(),
});

export interface Profile {
  name: string;
  file: string;
  description?: string;
  suites: string[];
  variants: Variant[];
  load?: LoadPhase;
}

export function profilesDir(): string {
  return join(fixturesDir(), 'profiles');
}

export function listProfiles(dir = profilesDir()): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => basename(f, '.yaml'))
    .sort();
}

/** `nameOrPath` is a profile name from fixtures/profiles or a path to a YAML file. */
export function loadProfile(nameOrPath: string): Profile {
  const file = nameOrPath.endsWith('.yaml') || nameOrPath.includes('/') ? nameOrPath : join(profilesDir(), `${nameOrPath}.yaml`);
  if (!existsSync(file))
    throw new ConfigError('no such profile', {
      field: '--profile',
      value: nameOrPath,
      allowed: listProfiles(),
      fix: 'name a profile from fixtures/profiles or give a path to a YAML file',
    });
  return parseProfile(readFileSync(file, 'utf8'), file);
}

export function parseProfile(text: string, file: string): Profile {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) throw new ConfigError(`invalid YAML: ${doc.errors[0]!.message}`, { file });
  const raw = doc.toJS() as unknown;
  const parsed = ProfileFile.safeParse(raw);
  if (!parsed.success) throw zodToConfigError(parsed.error, raw, file);
  const p = parsed.data;
  const variants: Variant[] = [];
  const add = (candidate: unknown, field: string) => {
    const v = Variant.safeParse(candidate);
    if (!v.success) throw zodToConfigError(v.error, candidate, file, field);
    if (variants.some((x) => x.name === v.data.name))
      throw new ConfigError('variant name is used twice', { file, field: `${field}.name`, value: v.data.name, fix: 'give every variant a unique name' });
    variants.push(v.data);
  };
  p.variants.forEach((v, i) => add({ ...v, versions: { ...p.versions, ...v.versions } }, `variants[${i}]`));
  if (p.matrix) {
    const factors: Factor[] = (Object.keys(p.matrix.options) as MatrixFactor[]).map((name) => ({
      name,
      values: (p.matrix!.options[name] as Array<string | boolean>).map(String),
    }));
    const base = p.matrix.expand === 'full' ? cartesian(factors) : pairwise(factors);
    const extra = (p.matrix.scyllaVersions ?? []).filter((v) => v !== p.versions.scylla);
    const combos = extra.length ? withAxis(base, factors, { name: 'scylla', values: [p.versions.scylla, ...extra] }) : base;
    combos.forEach((c, i) => {
      const name = matrixVariantName(p.matrix!.namePrefix, c, p.versions.scylla);
      add(
        {
          name,
          alternator: comboToSpec(c, name),
          topology: p.matrix!.topology,
          versions: { ...p.versions, ...(c.scylla ? { scylla: c.scylla } : {}) },
        },
        `matrix (combination ${i + 1}: ${JSON.stringify(c)})`,
      );
    });
  }
  if (variants.length === 0)
    throw new ConfigError('profile has no variants', { file, field: 'variants', fix: 'add a `variants:` list or a `matrix:` section' });
  const known = variants.map((v) => v.name);
  p.load?.variants?.forEach((name, i) => {
    if (!known.includes(name))
      throw new ConfigError('no such variant in the profile', {
        file,
        field: `load.variants[${i}]`,
        value: name,
        allowed: known,
        fix: 'name variants of this profile (matrix variants by their generated names, as `plan` lists them)',
      });
  });
  return { name: p.name, file, description: p.description, suites: p.suites, variants, load: p.load };
}

const SHORT: Record<string, string> = {
  always_use_lwt: 'lwt', only_rmw_uses_lwt: 'rmwlwt', forbid_rmw: 'forbid', unsafe_rmw: 'unsafe',
  OperatorManaged: 'om', OperatorManagedAdditionalNames: 'omx', UserManaged: 'um',
};

function matrixVariantName(prefix: string, c: Combination, defaultScylla: string): string {
  // The axis's other versions replace the prefix with `s<yy>-<minor>` (2025.1 → s25-1): the matrix on the profile's
  // version keeps its names (and load baselines), and a UserManaged Secret name `<variant>-alternator-local-serving-certs`
  // stays within 63 characters.
  const [year, minor] = (c.scylla ?? '').split('.');
  const parts = [c.scylla && c.scylla !== defaultScylla ? `s${year!.slice(-2)}-${minor}` : prefix];
  if (c.writeIsolation) parts.push(SHORT[normalizeWriteIsolation(c.writeIsolation)!]!);
  if (c.insecureEnableHTTP) parts.push(c.insecureEnableHTTP === 'true' ? 'http' : 'nohttp');
  if (c.insecureDisableAuthorization) parts.push(c.insecureDisableAuthorization === 'true' ? 'noauth' : 'auth');
  if (c.servingCertificate) parts.push(SHORT[c.servingCertificate]!);
  return parts.join('-');
}

function comboToSpec(c: Combination, name: string): AlternatorSpec {
  const spec: AlternatorSpec = {};
  if (c.writeIsolation) spec.writeIsolation = c.writeIsolation;
  if (c.insecureEnableHTTP) spec.insecureEnableHTTP = c.insecureEnableHTTP === 'true';
  if (c.insecureDisableAuthorization) spec.insecureDisableAuthorization = c.insecureDisableAuthorization === 'true';
  if (c.servingCertificate) spec.servingCertificate = CERTIFICATE_PRESETS[c.servingCertificate]!(name);
  return spec;
}

/** Turns the first zod issue into a ConfigError naming file, dotted field path, the bad value and allowed values. */
export function zodToConfigError(error: z.ZodError, raw: unknown, file: string, prefix?: string): ConfigError {
  const issue = error.issues[0]!;
  const path = issue.path.map(String);
  const field = [prefix, formatPath(path)].filter(Boolean).join('.') || '(top level)';
  let value: unknown = raw;
  for (const k of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[k] : undefined;
  const allowed =
    'values' in issue && Array.isArray(issue.values)
      ? issue.values.map(String)
      : issue.code === 'unrecognized_keys'
        ? undefined
        : undefined;
  if (issue.code === 'unrecognized_keys')
    return new ConfigError(`unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`, {
      file,
      field,
      fix: 'remove the field or check its spelling against the ScyllaCluster spec.alternator / profile reference in README',
    });
  return new ConfigError(issue.message, { file, field, value, allowed });
}

function formatPath(path: string[]): string {
  return path.reduce((acc, k) => (/^\d+$/.test(k) ? `${acc}[${k}]` : acc ? `${acc}.${k}` : k), '');
}
