// What suites import: the endpoint (through vitest's inject), clients, uniquely named tables that are
// removed afterwards, feature gates and the outcomes of documented limitations.
import { inject, afterAll, type TestContext } from 'vitest';
import { randomBytes } from 'node:crypto';
import { PROVIDE_KEY, type Endpoint, type DatacenterEndpoint, type Credentials, type Declaration } from '../endpoint/contract.ts';
import { DynamoClient, DynamoError, type ClientOptions } from '../client/dynamo-client.ts';
import { feature, differenceById, holdsFor, describeDifference, type Feature } from '../differences/registry.ts';
import { describeRange } from '../differences/versions.ts';
import { formatReference } from '../differences/references.ts';
import { sleep, eventually } from './timing.ts';
import { liftedDifferences, observeLiftedLimitations } from './lifted.ts';
import { waitActive, waitTableGone, deleteTableQuietly } from '../client/tables.ts';

export { DynamoClient, DynamoError, sleep, eventually, waitActive, waitTableGone, deleteTableQuietly, observeLiftedLimitations };
export { expectCryptHash } from './secrets.ts';
export { bodyOutcome, describeBodyOutcome, type BodyOutcome } from './refusals.ts';
export type { Endpoint, DatacenterEndpoint, Credentials, Feature };

export function endpoint(): Endpoint {
  const e = inject(PROVIDE_KEY);
  if (!e) throw new Error('no endpoint provided: suites run through `alternator-e2e run`, not directly');
  return e;
}

/** A client for a datacenter (the first by default) with the deployment's CA and credentials. */
export function client(dc?: DatacenterEndpoint | number, over: Partial<ClientOptions> = {}): DynamoClient {
  const e = endpoint();
  const d = typeof dc === 'object' ? dc : e.datacenters[dc ?? 0]!;
  return DynamoClient.forDatacenter(d, e.region, { ...serverErrorRetries(), ...over });
}

/**
 * DynamoDB Local answers table DDL with HTTP 500 now and then while other tables are created or deleted, and changes
 * nothing (difference dynamodb-local-concurrent-ddl-500): there, and only there, the suites' clients send such a
 * request again, as every DynamoDB client would. Anywhere else a 5xx stays a finding.
 */
function serverErrorRetries(): Partial<ClientOptions> {
  return differenceApplies('dynamodb-local-concurrent-ddl-500') ? { retryServerErrorsOf: DDL_OPERATIONS } : {};
}
const DDL_OPERATIONS: ReadonlySet<string> = new Set(['CreateTable', 'UpdateTable', 'DeleteTable']);

/** A client for a datacenter's DynamoDB Streams API (its own endpoint where the deployment names one). */
export function streamsClient(dc?: DatacenterEndpoint | number): DynamoClient {
  const e = endpoint();
  return DynamoClient.forStreams(typeof dc === 'object' ? dc : e.datacenters[dc ?? 0]!, e.region, serverErrorRetries());
}

/** A table name unique to this run, variant and call, under the harness prefix. */
export function tableName(hint: string): string {
  const clean = hint.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 40);
  return `${endpoint().tablePrefix}${clean}_${randomBytes(3).toString('hex')}`;
}

export interface KeyDef {
  hash: [string, 'S' | 'N' | 'B'];
  range?: [string, 'S' | 'N' | 'B'];
}

/** The CreateTable body for a simple key schema; extra fields (indexes, tags) merged in. */
export function tableDefinition(name: string, key: KeyDef, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const attrs = [key.hash, ...(key.range ? [key.range] : [])];
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [
      { AttributeName: key.hash[0], KeyType: 'HASH' },
      ...(key.range ? [{ AttributeName: key.range[0], KeyType: 'RANGE' }] : []),
    ],
    AttributeDefinitions: attrs.map(([n, t]) => ({ AttributeName: n, AttributeType: t })),
    ...extra,
  };
}

/**
 * Creates a table for the calling file and deletes it after the file's tests (afterAll), even when they fail.
 * Call at the top level of a describe or in beforeAll.
 */
export function useTable(hint: string, key: KeyDef, extra: Record<string, unknown> = {}, opts: { keepIsolation?: boolean } = {}) {
  const name = tableName(hint);
  if (!opts.keepIsolation) extra = withRmwAllowed(extra);
  let created: Promise<void> | undefined;
  const c = client();
  afterAll(async () => {
    if (created) await deleteTableQuietly(c, name);
    c.close();
  });
  return {
    name,
    client: c,
    /** Awaited by tests before use; creates the table once. */
    ready(): Promise<void> {
      created ??= c.call('CreateTable', tableDefinition(name, key, extra)).then(() => waitActive(c, name));
      return created;
    },
  };
}

/**
 * Tables a file creates by hand (not through useTable), to delete after its tests: each name once, however often it
 * was recorded (a test that re-creates a table records it twice). Two DeleteTable of one table at once are not what a
 * client does, and DynamoDB Local answers one of them HTTP 500.
 */
export function createdTables(c: DynamoClient): { add(name: string): void; deleteAll(): Promise<void> } {
  const names = new Set<string>();
  return {
    add: (name) => void names.add(name),
    async deleteAll() {
      const all = [...names];
      names.clear();
      await Promise.all(all.map((n) => deleteTableQuietly(c, n)));
    },
  };
}

/**
 * Under a forbid_rmw variant, API tests that need read-modify-write (conditions, ReturnValues, ADD...) run on
 * tables that override the policy with Alternator's documented per-table tag; suites/isolation checks forbid_rmw
 * itself on untagged tables.
 */
export function withRmwAllowed(def: Record<string, unknown>): Record<string, unknown> {
  const e = endpoint();
  if (e.apiProfile !== 'alternator' || e.promises.writeIsolation !== 'forbid_rmw') return def;
  const tags = (def.Tags as Array<{ Key: string; Value: string }> | undefined) ?? [];
  if (tags.some((t) => t.Key === 'system:write_isolation')) return def;
  return { ...def, Tags: [...tags, { Key: 'system:write_isolation', Value: 'only_rmw_uses_lwt' }] };
}

/** Expects a DynamoDB error of a type (the name after '#'), optionally with a message matching a pattern. */
export async function expectError(p: Promise<unknown>, type: string, message?: RegExp): Promise<DynamoError> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof DynamoError)) throw e;
    if (e.type !== type) throw new Error(`expected ${type}, got ${e.type}: ${e.message}`);
    if (message && !message.test(e.serverMessage)) throw new Error(`expected ${type} message matching ${message}, got: ${e.message}`);
    return e;
  }
  throw new Error(`expected ${type}, but the request succeeded`);
}

/** Whether the deployment offers a feature (for a test that asserts one behaviour or the other). */
export function offers(f: Feature): boolean {
  return feature(endpoint(), f, new Set(liftedDifferences().keys())).ok;
}

/** Features a user's endpoint gives only when declared (the TTL scan period): their reasons say how to declare it. */
const FEATURE_DECLARATIONS: Partial<Record<Feature, Declaration>> = { 'ttl-expiry': 'ttlScanPeriod' };

/**
 * Skips the running test as "not applicable" when the deployment does not offer a feature. A feature a documented
 * limitation takes away runs where the file observed the limitation lifted (observeLiftedLimitations), and says so.
 */
export function requireFeature(ctx: TestContext, f: Feature): void {
  const lifted = liftedDifferences();
  const r = feature(endpoint(), f, new Set(lifted.keys()));
  if (!r.ok) ctx.skip(`${r.reason}${howToDeclare(FEATURE_DECLARATIONS[f])}`);
  const documented = feature(endpoint(), f);
  if (!documented.ok) ctx.annotate(`runs where documented as missing: limitation observed lifted (${[...lifted.values()].join('; ')}) — ${documented.reason.replace(/^not applicable: /, '')}`, 'observed');
}

/** ", and how to declare it" where the endpoint takes the declaration and was not given it (endpoint target). */
function howToDeclare(d: Declaration | undefined): string {
  const how = d && endpoint().undeclared?.[d];
  return how ? `; ${how}` : '';
}

/**
 * Skips the running test as "not applicable" unless the endpoint has what a declaration gives (extra roles, metrics
 * URLs); where the user could have declared it, the reason says how.
 */
export function requireDeclared(ctx: TestContext, present: boolean, d: Declaration, why: string): void {
  if (!present) ctx.skip(`not applicable: ${why}${howToDeclare(d)}`);
}

/** Whether the named documented difference applies to the deployment under test. */
export function differenceApplies(id: string): boolean {
  return holdsFor(differenceById(id), endpoint());
}

/** Skips the running test as "not applicable" unless the named documented difference applies to the deployment. */
export function requireDifference(ctx: TestContext, id: string): void {
  const e = endpoint();
  const d = differenceById(id);
  // Placeholder versions of a ScyllaDB that did not run (DynamoDB Local) are not stated as if they were one.
  const scylla = e.versionsSource === 'not-run' ? '' : `, ScyllaDB ${e.versions.scylla}`;
  if (!differenceApplies(id))
    ctx.skip(
      `not applicable: documented difference ${id} does not apply to this endpoint (${e.apiProfile} API, ${e.dataPlane} data plane${scylla}; it holds for ${describeRange(d.holds)}) [${id}: ${d.references.map(formatReference).join('; ')}]`,
    );
}

/** Skips the running test as "not applicable" unless the condition holds. */
export function requirePromise(ctx: TestContext, condition: boolean, why: string): void {
  if (!condition) ctx.skip(`not applicable: ${why}`);
}

/** Records a fact about what the deployment did (a JUnit property, a note in the summary). */
export function record(ctx: TestContext, message: string): void {
  ctx.annotate(message, 'observed');
}

export interface LimitationOutcome {
  /** The documented behaviour was observed. */
  reproduced: boolean;
  /** What was observed, for the report. */
  observed: string;
  /** The behaviour matches DynamoDB instead (the limitation is gone). */
  lifted?: boolean;
}

/**
 * Three outcomes for a documented limitation: reproduced (pass), lifted (reported loudly; fails when the
 * run asks for it), anything else is unexpected (fail). Where this project's own code produces the behaviour
 * (endpoint.emulatedBy), a reproduction is reported as "emulated": nothing of ScyllaDB was measured.
 */
export function limitation(ctx: TestContext, reference: string, outcome: LimitationOutcome): void {
  const e = endpoint();
  if (outcome.reproduced) {
    if (e.emulatedBy) ctx.annotate(`limitation emulated (${e.emulatedBy}): ${reference} — ${outcome.observed}`, 'limitation-emulated');
    else ctx.annotate(`limitation reproduced: ${reference} — ${outcome.observed}`, 'limitation-reproduced');
    return;
  }
  if (outcome.lifted) {
    const where = e.emulatedBy ? ` (on an emulation: ${e.emulatedBy})` : '';
    ctx.annotate(`LIMITATION LIFTED${where}: ${reference} — ${outcome.observed}; update the documentation`, 'limitation-lifted');
    if (e.failOnLiftedLimitation) throw new Error(`limitation lifted (--fail-on-lifted): ${reference}: ${outcome.observed}`);
    return;
  }
  throw new Error(`unexpected behaviour for documented limitation ${reference}: ${outcome.observed}`);
}

/** The reference text of a named documented difference (with its links and version range), for limitation tests. */
export function differenceReference(id: string): string {
  return describeDifference(differenceById(id));
}

export interface DocumentationDifference {
  /** The page and its section, e.g. "operator docs, connect-your-app/alternator.md § Troubleshoot". */
  page: string;
  /** What the page says. */
  documented: string;
  /** What the deployment (or the client the page names) did instead. */
  observed: string;
  /** What was observed is the client's own behaviour (e.g. the AWS CLI's), whatever serves the endpoint. */
  observedOnClient?: boolean;
}

/**
 * A documentation page and the deployment disagree: its own outcome, naming both sides, never a plain pass and never
 * a silent failure (nightly CI stays green on a known docs bug, yet every report shows it). It fails the case only
 * when the run asks (--fail-on-documentation-differs). Where this project's code produced the behaviour
 * (endpoint.emulatedBy), the report says so.
 */
export function documentationDiffers(ctx: TestContext, d: DocumentationDifference): void {
  const e = endpoint();
  const where = e.emulatedBy && !d.observedOnClient ? ` (on an emulation: ${e.emulatedBy})` : '';
  const message = `documentation differs${where}: ${d.page} says ${d.documented}; observed ${d.observed}`;
  ctx.annotate(message, 'documentation-differs');
  if (e.failOnDocumentationDiffers) throw new Error(`${message} (--fail-on-documentation-differs)`);
}
