// Any running Alternator or DynamoDB endpoint, configured as the operator docs configure clients: the
// standard AWS variables (AWS_ENDPOINT_URL_DYNAMODB, AWS_CA_BUNDLE, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)
// or the same as flags, plus what the endpoint promises. Several datacenters come from an endpoints file.
import { buildEndpoint } from '../../endpoint/build.ts';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Target, Deployment, RunContext, PlanStep } from '../target.ts';
import { Variant, Versions, WRITE_ISOLATION_ALIASES, normalizeWriteIsolation, type AlternatorSpec } from '../../variant/model.ts';
import type { ApiProfile, DatacenterEndpoint, DatacenterSharing } from '../../endpoint/contract.ts';
import { ConfigError, ProvisionError } from '../../util/errors.ts';
import { DynamoClient } from '../../client/dynamo-client.ts';
import { zodToConfigError } from '../../variant/profile.ts';
import { readScyllaVersion, VERSION_GAUGE } from './scylla-version.ts';
import { declaredExtraRoles, declaredTtlPeriod, extraRoleSpecs, HOW_TO_DECLARE, TTL_PERIOD_ENV } from './declarations.ts';
import type { Declaration } from '../../endpoint/contract.ts';

export interface EndpointTargetOptions {
  url?: string;
  /** The DynamoDB Streams API's endpoint, when it is not `url` (AWS_ENDPOINT_URL_DYNAMODB_STREAMS). */
  streamsUrl?: string;
  caBundleFile?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  httpUrl?: string;
  tlsServerName?: string;
  writeIsolation?: string;
  authorization?: string;
  apiProfile?: string;
  region?: string;
  datacenter?: string;
  /** YAML file listing several datacenter endpoints (multi-DC deployments). */
  endpointsFile?: string;
  /** Prometheus endpoints of every node of the (single) datacenter; an endpoints file lists them per datacenter. */
  metricsUrls?: string[];
  /** scylla.yaml experimental_features the cluster enables, as the user declares them (--experimental-feature). */
  experimentalFeatures?: string[];
  /** Roles of the first datacenter for the authorization suites, NAME[:PERMISSION+…][:nologin] (declarations.ts). */
  extraRoles?: string[];
  /** The cluster's alternator_ttl_period_in_seconds (--ttl-period-seconds / ALTERNATOR_E2E_TTL_PERIOD_SECONDS). */
  ttlPeriodSeconds?: string;
  /** Declared by the user (--scylla-version); absent: read from the metrics URLs (observeScyllaVersion), if any. */
  scyllaVersion?: string;
  /** Set when `scyllaVersion` was read from the endpoint: where (observeScyllaVersion). */
  scyllaVersionObservedAt?: string;
  operatorVersion?: string;
  variantName?: string;
}

const DatacenterEntry = z.strictObject({
  // Same rule as a variant's datacenter name (the operator uses it in resource names).
  datacenter: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a lowercase RFC 1123 label (a-z, 0-9, "-"), e.g. us-east-1').max(63),
  url: z.url({ protocol: /^https?$/ }),
  caBundle: z.string().optional(),
  tlsServerName: z.string().optional(),
  httpUrl: z.url({ protocol: /^http$/ }).optional(),
  /** Where this datacenter serves the DynamoDB Streams API, when not at `url` (as AWS_ENDPOINT_URL_DYNAMODB_STREAMS). */
  streamsUrl: z.url({ protocol: /^https?$/ }).optional(),
  accessKeyId: z.string().optional(),
  /** Name of an environment variable holding the secret: secrets are never written into files the harness reads. */
  secretAccessKeyEnv: z.string().optional(),
  /** Every node's Prometheus endpoint in this datacenter (http://<node>:9180/metrics). */
  metricsUrls: z.array(z.url({ protocol: /^https?$/ })).min(1).optional(),
});
const EndpointsFile = z
  .strictObject({
    datacenters: z.array(DatacenterEntry).min(1),
    /** Promise: the same credentials are valid in every datacenter (the operator docs say they are DC-local). */
    sharedCredentials: z.boolean().optional(),
    /** Promise: every datacenter's certificate is issued by one CA (each ScyllaCluster has its own by default). */
    sharedServingCA: z.boolean().optional(),
  })
  .superRefine((f, ctx) => {
    f.datacenters.forEach((d, i) => {
      if (f.datacenters.findIndex((x) => x.datacenter === d.datacenter) !== i)
        ctx.addIssue({ code: 'custom', path: ['datacenters', i, 'datacenter'], message: `datacenter "${d.datacenter}" is listed twice; give each datacenter once` });
      if ((d.accessKeyId === undefined) !== (d.secretAccessKeyEnv === undefined))
        ctx.addIssue({
          code: 'custom',
          path: ['datacenters', i, d.accessKeyId === undefined ? 'accessKeyId' : 'secretAccessKeyEnv'],
          message: 'credentials are incomplete: give both accessKeyId and secretAccessKeyEnv (the NAME of the variable holding the secret), or neither',
        });
    });
  });
type EndpointsFile = z.infer<typeof EndpointsFile>;

function loadEndpointsFile(file: string): EndpointsFile {
  if (!existsSync(file)) throw new ConfigError('endpoints file not found', { field: '--endpoints-file', value: file });
  const raw = parse(readFileSync(file, 'utf8')) as unknown;
  const parsed = EndpointsFile.safeParse(raw);
  if (!parsed.success) throw zodToConfigError(parsed.error, raw, file);
  return parsed.data;
}

/** What an endpoints file promises about sharing between datacenters; a single endpoint promises nothing. */
export function resolveDatacenterSharing(o: EndpointTargetOptions): DatacenterSharing | undefined {
  if (!o.endpointsFile) return undefined;
  const f = loadEndpointsFile(o.endpointsFile);
  const scope = (shared: boolean | undefined) => (shared === undefined ? undefined : shared ? ('shared' as const) : ('datacenter-local' as const));
  const sharing: DatacenterSharing = {};
  const credentials = scope(f.sharedCredentials);
  const servingCA = scope(f.sharedServingCA);
  if (credentials) sharing.credentials = credentials;
  if (servingCA) sharing.servingCA = servingCA;
  return sharing;
}

/** Reads options from flags first, then the standard AWS environment variables. */
export function endpointOptionsFromEnv(flags: EndpointTargetOptions, env: NodeJS.ProcessEnv = process.env): EndpointTargetOptions {
  return {
    ...flags,
    url: flags.url ?? env.AWS_ENDPOINT_URL_DYNAMODB ?? env.AWS_ENDPOINT_URL,
    streamsUrl: flags.streamsUrl ?? env.AWS_ENDPOINT_URL_DYNAMODB_STREAMS,
    caBundleFile: flags.caBundleFile ?? env.AWS_CA_BUNDLE,
    accessKeyId: flags.accessKeyId ?? env.AWS_ACCESS_KEY_ID,
    secretAccessKey: flags.secretAccessKey ?? env.AWS_SECRET_ACCESS_KEY,
    region: flags.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    extraRoles: extraRoleSpecs(flags.extraRoles, env),
    ttlPeriodSeconds: flags.ttlPeriodSeconds ?? env[TTL_PERIOD_ENV],
  };
}

function readCa(file: string | undefined, field: string): string {
  if (!file) return '';
  if (!existsSync(file)) throw new ConfigError('CA bundle file not found', { field, value: file, fix: 'give the path of a PEM file (the ca-bundle.crt of <cluster>-alternator-local-serving-ca)' });
  const pem = readFileSync(file, 'utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new ConfigError('CA bundle is not a PEM certificate bundle', { field, value: file });
  return pem;
}

export function resolveDatacenters(o: EndpointTargetOptions): DatacenterEndpoint[] {
  if (o.endpointsFile) {
    const file = loadEndpointsFile(o.endpointsFile);
    // A relative caBundle path is relative to the endpoints file, so the file and its bundles can move together.
    const baseDir = dirname(o.endpointsFile);
    return file.datacenters.map((d, i) => {
      const secret = d.secretAccessKeyEnv ? process.env[d.secretAccessKeyEnv] : undefined;
      if (d.secretAccessKeyEnv && secret === undefined)
        throw new ConfigError('environment variable for the secret is not set', { file: o.endpointsFile, field: `datacenters[${i}].secretAccessKeyEnv`, value: d.secretAccessKeyEnv, fix: `export ${d.secretAccessKeyEnv}=<the role's salted_hash in ${d.datacenter}> before running` });
      const ca = readCa(d.caBundle === undefined ? undefined : resolvePath(baseDir, d.caBundle), `${o.endpointsFile}: datacenters[${i}].caBundle`);
      const dc = datacenter(d.datacenter, d.url, ca, d.accessKeyId, secret, d.httpUrl, d.tlsServerName);
      if (d.streamsUrl !== undefined && d.streamsUrl !== d.url) dc.streamsUrl = d.streamsUrl;
      return withMetrics(dc, d.metricsUrls);
    });
  }
  if (!o.url)
    throw new ConfigError('no endpoint given', {
      field: 'AWS_ENDPOINT_URL_DYNAMODB',
      fix: 'export AWS_ENDPOINT_URL_DYNAMODB=https://host:8043 (and AWS_CA_BUNDLE, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), or pass --endpoint URL, or --endpoints-file FILE',
    });
  let url: URL;
  try {
    url = new URL(o.url);
  } catch {
    throw new ConfigError('not a URL', { field: '--endpoint / AWS_ENDPOINT_URL_DYNAMODB', value: o.url, fix: 'use https://host:8043' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('unsupported scheme', { field: '--endpoint', value: o.url, allowed: ['https', 'http'] });
  if ((o.accessKeyId === undefined) !== (o.secretAccessKey === undefined))
    throw new ConfigError('credentials are incomplete', { field: o.accessKeyId ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID', fix: 'set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither' });
  const dc = datacenter(o.datacenter ?? 'dc1', o.url, readCa(o.caBundleFile, '--ca-bundle / AWS_CA_BUNDLE'), o.accessKeyId, o.secretAccessKey, o.httpUrl, o.tlsServerName);
  if (o.streamsUrl !== undefined && o.streamsUrl !== o.url) {
    try {
      if (!/^https?:$/.test(new URL(o.streamsUrl).protocol)) throw new Error();
    } catch {
      throw new ConfigError('not an http(s) URL', { field: 'AWS_ENDPOINT_URL_DYNAMODB_STREAMS', value: o.streamsUrl, fix: 'use https://host:port, or unset it (Streams are then asked at the DynamoDB endpoint)' });
    }
    dc.streamsUrl = o.streamsUrl;
  }
  return [withMetrics(dc, metricsUrlsFlag(o.metricsUrls))];
}

/** --metrics-url values, each an http(s) URL. */
function metricsUrlsFlag(urls: string[] | undefined): string[] | undefined {
  if (!urls?.length) return undefined;
  for (const u of urls)
    if (!URL.canParse(u) || !/^https?:$/.test(new URL(u).protocol))
      throw new ConfigError('not an http(s) URL', { field: '--metrics-url', value: u, fix: 'give each node as http://<node>:9180/metrics' });
  return urls;
}

const withMetrics = (d: DatacenterEndpoint, metricsUrls: string[] | undefined): DatacenterEndpoint => (metricsUrls ? { ...d, metricsUrls } : d);

function datacenter(name: string, url: string, ca: string, id?: string, secret?: string, httpUrl?: string, tlsServerName?: string): DatacenterEndpoint {
  const u = new URL(url);
  const isIp = /^[\d.]+$|:/.test(u.hostname);
  return {
    datacenter: name,
    httpsUrl: url,
    caBundlePem: ca,
    ...(tlsServerName ? { tlsServerName } : {}),
    ...(httpUrl ? { httpUrl } : {}),
    ...(id && secret !== undefined ? { credentials: { accessKeyId: id, secretAccessKey: secret } } : {}),
    clientNames: { dnsNames: tlsServerName ? [tlsServerName] : isIp ? [] : [u.hostname], ipAddresses: isIp ? [u.hostname] : [] },
  };
}

export function endpointVariant(o: EndpointTargetOptions, dcs: DatacenterEndpoint[]): Variant {
  const spec: AlternatorSpec = {};
  if (o.writeIsolation !== undefined) {
    if (normalizeWriteIsolation(o.writeIsolation) === undefined)
      throw new ConfigError('unknown write isolation', { field: '--write-isolation', value: o.writeIsolation, allowed: Object.keys(WRITE_ISOLATION_ALIASES) });
    spec.writeIsolation = o.writeIsolation;
  }
  if (o.scyllaVersion !== undefined && !Versions.shape.scylla.safeParse(o.scyllaVersion).success)
    throw new ConfigError('not a ScyllaDB version', { field: '--scylla-version', value: o.scyllaVersion, fix: 'give it as ScyllaDB prints it, e.g. 2026.2.4 or 6.2.3' });
  const auth = o.authorization ?? 'enforced';
  if (auth !== 'enforced' && auth !== 'disabled') throw new ConfigError('bad value', { field: '--authorization', value: auth, allowed: ['enforced', 'disabled'] });
  spec.insecureDisableAuthorization = auth === 'disabled';
  spec.insecureEnableHTTP = dcs.some((d) => d.httpUrl !== undefined);
  const v = Variant.safeParse({
    name: o.variantName ?? 'endpoint',
    alternator: spec,
    topology: { datacenters: dcs.map((d) => ({ name: d.datacenter, members: 1 })) },
    // Only a DynamoDB endpoint may leave the ScyllaDB version unknown (createEndpointTarget); reports then show none.
    versions: { scylla: o.scyllaVersion ?? '0.0.0', operator: o.operatorVersion ?? 'v0.0.0' },
  });
  if (!v.success) throw zodToConfigError(v.error, o, 'command line');
  return v.data;
}

/**
 * The experimental_features the user declares. Not inferred from the version: whether a cluster before 2026.2.0 set
 * experimental_features: [alternator-streams] is its own scylla.yaml's business, and asserting Streams on one that did
 * not would fail every case for a configuration choice; without the declaration Streams are "not applicable" there,
 * naming the difference alternator-streams-experimental.
 */
function declaredExperimentalFeatures(names: string[] | undefined): string[] {
  for (const n of names ?? [])
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(n))
      throw new ConfigError('not an experimental feature name', { field: '--experimental-feature', value: n, fix: "give it as scylla.yaml's experimental_features spells it, e.g. alternator-streams" });
  return [...new Set(names ?? [])];
}

/** Alternator answers `GET /` once it serves; DynamoDB answers too (with an error body), which still proves reachability. */
async function healthCheck(d: DatacenterEndpoint, ctx: RunContext): Promise<void> {
  ctx.progress.waiting(`endpoint ${d.datacenter} (${d.httpsUrl})`);
  const c = new DynamoClient({ url: d.httpsUrl, caPem: d.caBundlePem || undefined, servername: d.tlsServerName, timeoutMs: 10_000 });
  try {
    await c.get('/');
  } catch (e) {
    throw new ProvisionError(`endpoint ${d.datacenter} at ${d.httpsUrl} is not reachable: ${(e as Error).message}`, 'health check');
  } finally {
    c.close();
  }
}

/**
 * Options that only an Alternator has mean nothing for a DynamoDB endpoint: kept silently, they would gate suites on
 * promises nobody can keep. Switching authorization off is alternator_enforce_authorization; write isolation is
 * alternator_write_isolation.
 */
function refuseAlternatorOnlyOptions(o: EndpointTargetOptions): void {
  if (o.authorization === 'disabled')
    throw new ConfigError('means nothing with --api-profile dynamodb (disabling authorization is an Alternator setting; DynamoDB always checks signatures)', {
      field: '--authorization',
      value: o.authorization,
      fix: 'drop --authorization disabled, or use --api-profile alternator for an Alternator that serves without authorization',
    });
  if (o.experimentalFeatures?.length)
    throw new ConfigError("means nothing with --api-profile dynamodb (experimental_features is ScyllaDB's scylla.yaml setting)", {
      field: '--experimental-feature',
      value: o.experimentalFeatures.join(','),
      fix: 'drop --experimental-feature, or use --api-profile alternator',
    });
  if (o.writeIsolation !== undefined)
    throw new ConfigError('means nothing with --api-profile dynamodb (write isolation is an Alternator setting, alternator_write_isolation)', {
      field: '--write-isolation',
      value: o.writeIsolation,
      fix: 'drop --write-isolation, or use --api-profile alternator',
    });
  if (o.extraRoles?.length)
    throw new ConfigError("means nothing with --api-profile dynamodb (the authorization suites' roles are Alternator's CQL roles)", { field: '--extra-role', fix: 'drop --extra-role (and ALTERNATOR_E2E_EXTRA_ROLES), or use --api-profile alternator' });
  if (o.ttlPeriodSeconds !== undefined)
    throw new ConfigError('means nothing with --api-profile dynamodb (alternator_ttl_period_in_seconds is an Alternator setting)', { field: '--ttl-period-seconds', fix: 'drop --ttl-period-seconds (and ALTERNATOR_E2E_TTL_PERIOD_SECONDS), or use --api-profile alternator' });
}

/** The declared roles belong to the first datacenter: the one the authorization suites sign in. */
function withDeclaredRoles(dcs: DatacenterEndpoint[], specs: readonly string[]): DatacenterEndpoint[] {
  if (specs.length === 0) return dcs;
  const [first, ...rest] = dcs;
  return [{ ...first!, extraRoles: declaredExtraRoles(specs) }, ...rest];
}

/** How to make each declaration the user did not make. */
function undeclaredOf(dcs: DatacenterEndpoint[], ttlScanPeriodSeconds: number | undefined): Partial<Record<Declaration, string>> {
  const missing: Declaration[] = [
    ...(dcs[0]!.extraRoles?.length ? [] : (['extraRoles'] as const)),
    ...(ttlScanPeriodSeconds === undefined ? (['ttlScanPeriod'] as const) : []),
    ...(dcs.every((d) => d.metricsUrls?.length) ? [] : (['metricsUrls'] as const)),
  ];
  return Object.fromEntries(missing.map((d) => [d, HOW_TO_DECLARE[d]]));
}

/** Every metrics URL the options name (the flag's, or every datacenter's in the endpoints file). */
function allMetricsUrls(o: EndpointTargetOptions): string[] {
  if (o.endpointsFile) return loadEndpointsFile(o.endpointsFile).datacenters.flatMap((d) => d.metricsUrls ?? []);
  return metricsUrlsFlag(o.metricsUrls) ?? [];
}

/**
 * An Alternator endpoint's ScyllaDB version: read from its nodes' metrics (scylla-version.ts) where the user did not
 * declare it. Without metrics URLs the options are returned as they are, and createEndpointTarget refuses them: a
 * version-ranged difference must never be judged against a made-up version. A declared version is checked against
 * the nodes where they report one: judging differences by a version the cluster does not run is the same fault as
 * judging them by none. A node whose gauge cannot be read or parsed (a custom build's label) leaves the declaration as
 * it is: that is what the flag is for.
 */
export async function observeScyllaVersion(o: EndpointTargetOptions): Promise<EndpointTargetOptions> {
  if ((o.apiProfile ?? 'alternator') !== 'alternator') return o;
  const urls = allMetricsUrls(o);
  if (urls.length === 0) return o;
  if (o.scyllaVersion === undefined) {
    const observed = await readScyllaVersion(urls);
    return { ...o, scyllaVersion: observed.version, scyllaVersionObservedAt: observed.from };
  }
  const observed = await readScyllaVersion(urls).catch(() => undefined);
  if (observed && observed.version !== o.scyllaVersion)
    throw new ConfigError(`--scylla-version ${o.scyllaVersion} was declared, but the nodes report ScyllaDB ${observed.version} (${observed.from})`, {
      field: '--scylla-version',
      fix: `drop --scylla-version to follow the nodes, or declare the version they run (--scylla-version ${observed.version})`,
    });
  return o;
}

export function createEndpointTarget(options: EndpointTargetOptions): Target {
  const apiProfile = (options.apiProfile ?? 'alternator') as ApiProfile;
  if (apiProfile !== 'alternator' && apiProfile !== 'dynamodb')
    throw new ConfigError('unknown API profile', { field: '--api-profile', value: options.apiProfile, allowed: ['alternator', 'dynamodb'] });
  if (apiProfile === 'dynamodb') refuseAlternatorOnlyOptions(options);
  const dcs = withDeclaredRoles(resolveDatacenters(options), options.extraRoles ?? []);
  const ttlScanPeriodSeconds = declaredTtlPeriod(options.ttlPeriodSeconds);
  const undeclared = undeclaredOf(dcs, ttlScanPeriodSeconds);
  if (apiProfile === 'alternator' && options.scyllaVersion === undefined)
    throw new ConfigError("the ScyllaDB version behind the endpoint is unknown (version-ranged differences follow it, and it is not read from the API)", {
      field: '--scylla-version',
      fix: `give --scylla-version <version> (e.g. 2025.4.1), or --metrics-url of every node (or metricsUrls in the endpoints file) to read it from ${VERSION_GAUGE}`,
    });
  const datacenterSharing = resolveDatacenterSharing(options);
  const variant = endpointVariant(options, dcs);
  const experimentalFeatures = declaredExperimentalFeatures(options.experimentalFeatures);
  return {
    name: 'endpoint',
    variantsOverride: [variant],
    supports: () => ({ ok: true }),
    async plan(): Promise<PlanStep[]> {
      return dcs.map((d) => ({
        step: `use endpoint ${d.datacenter}`,
        detail: `${d.httpsUrl} (${apiProfile}; credentials ${d.credentials ? 'given' : 'none'}${d.extraRoles?.length ? `; declared roles ${d.extraRoles.map((r) => r.accessKeyId).join(', ')}` : ''}${ttlScanPeriodSeconds !== undefined ? `; TTL scan every ${ttlScanPeriodSeconds} s` : ''}${d.streamsUrl ? `; Streams at ${d.streamsUrl}` : ''}${apiProfile === 'alternator' ? `; ScyllaDB ${variant.versions.scylla} ${options.scyllaVersionObservedAt ? `as read from ${options.scyllaVersionObservedAt}` : 'as declared (--scylla-version)'}, which version-ranged differences follow; experimental features: ${experimentalFeatures.join(', ') || 'none declared (--experimental-feature)'}` : ''})`,
      }));
    },
    async deploy(v: Variant, ctx: RunContext): Promise<Deployment> {
      for (const d of dcs) await healthCheck(d, ctx);
      const endpoint = buildEndpoint(v, ctx, {
        target: 'endpoint',
        apiProfile,
        // An endpoint answering Alternator's API is a ScyllaDB; its versions are what the user (or profile) declared.
        dataPlane: apiProfile === 'dynamodb' ? 'dynamodb' : 'scylladb',
        versionsSource: options.scyllaVersion === undefined ? 'not-run' : options.scyllaVersionObservedAt ? 'observed' : 'declared',
        ...(options.scyllaVersion === undefined ? { servedBy: `a DynamoDB endpoint (${dcs.map((d) => d.httpsUrl).join(', ')})` } : {}),
        datacenters: dcs,
        region: options.region ?? 'us-east-1',
        ...(experimentalFeatures.length ? { experimentalFeatures } : {}),
        ...(datacenterSharing ? { datacenterSharing } : {}),
        ...(ttlScanPeriodSeconds !== undefined ? { ttlScanPeriodSeconds } : {}),
        ...(Object.keys(undeclared).length ? { undeclared } : {}),
      });
      return { endpoint, stop: async () => {} };
    },
  };
}
