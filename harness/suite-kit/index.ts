// What suites import: the endpoint (through vitest's inject), clients, uniquely named tables that are
// removed afterwards, feature gates and the outcomes of documented limitations.
import { inject, afterAll, type TestContext } from 'vitest';
import { getCurrentTest } from 'vitest/suite';
import { randomBytes } from 'node:crypto';
import { PROVIDE_KEY, type Endpoint, type DatacenterEndpoint, type Credentials, type Declaration } from '../endpoint/contract.ts';
import { DynamoClient, DynamoError, type ClientOptions } from '../client/dynamo-client.ts';
import { feature, differenceById, holdsFor, describeDifference, DIFFERENCES, type Difference, type Feature } from '../differences/registry.ts';
import { describeRange } from '../differences/versions.ts';
import { formatReference } from '../differences/references.ts';
import { sleep, eventually, plus, WaitDeadlineError, type Deadline } from './timing.ts';
import * as deadlineOf from './deadlines.ts';
import { liftedDifferences, observeLiftedLimitations } from './lifted.ts';
import { ddlRetries, joinSharedTable, rmwAllowed, sharedTableName } from '../endpoint/shared-tables.ts';
import { waitActive, waitTableGone, deleteTableQuietly, createTable, tableDefinition, type KeyDef } from '../client/tables.ts';

export { DynamoClient, DynamoError, sleep, eventually, plus, WaitDeadlineError, waitActive, waitTableGone, deleteTableQuietly, observeLiftedLimitations, createTable, tableDefinition };
export type { KeyDef, Deadline };
export { expectCryptHash } from './secrets.ts';
export { bodyOutcome, describeBodyOutcome, type BodyOutcome } from './refusals.ts';
export type { Endpoint, DatacenterEndpoint, Credentials, Feature };

export function endpoint(): Endpoint {
  const e = inject(PROVIDE_KEY);
  if (!e) throw new Error('no endpoint provided: suites run through `alternator-e2e run`, not directly');
  return e;
}

/**
 * Deadlines of the waits suites make, for this endpoint (harness/suite-kit/deadlines.ts says where each comes from):
 * `eventually('the item in the GSI', check, deadline.indexRead())`.
 */
export const deadline = {
  ttlExpiry: () => deadlineOf.ttlExpiry(endpoint()),
  streamRecords: () => deadlineOf.streamRecords(endpoint()),
  streamStatus: () => deadlineOf.streamStatus(endpoint()),
  indexBuild: () => deadlineOf.indexBuild(endpoint()),
  indexRead: () => deadlineOf.indexRead(endpoint()),
  permissionsCache: () => deadlineOf.permissionsCache(endpoint()),
  tableMetadata: () => deadlineOf.tableMetadata(endpoint()),
  eventualRead: () => deadlineOf.eventualRead(endpoint()),
} satisfies Record<string, () => Deadline>;

/** A client for a datacenter (the first by default) with the deployment's CA and credentials. */
export function client(dc?: DatacenterEndpoint | number, over: Partial<ClientOptions> = {}): DynamoClient {
  const e = endpoint();
  const d = typeof dc === 'object' ? dc : e.datacenters[dc ?? 0]!;
  return DynamoClient.forDatacenter(d, e.region, { ...serverErrorRetries(), ...over });
}

function serverErrorRetries(): Partial<ClientOptions> {
  return ddlRetries(endpoint());
}

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

/**
 * Creates a table for the calling file and deletes it after the file's tests (afterAll), even when they fail.
 * Call at the top level of a describe or in beforeAll.
 */
export function useTable(hint: string, key: KeyDef, extra: Record<string, unknown> | ((name: string) => Record<string, unknown>) = {}, opts: { keepIsolation?: boolean } = {}) {
  const name = tableName(hint);
  // A function of the name where the definition depends on it (index names whose limit counts the table name's length).
  let def = typeof extra === 'function' ? extra(name) : extra;
  if (!opts.keepIsolation) def = withRmwAllowed(def);
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
      created ??= createTable(c, tableDefinition(name, key, def)).then(() => undefined);
      return created;
    },
  };
}

/**
 * The deployment's shared table for a key schema (harness/endpoint/shared-tables.ts): created by the first file that
 * needs it, deleted by the run, never by a file. For files that only need "a table with these keys": a file that
 * scans the whole table, counts its items, changes its schema, tags or isolation uses `useTable`.
 * Every key a file writes starts with `keyPrefix` (unique to this handle), so no case reads another's items and a
 * case that corrupts its own keys fails alone.
 */
export function useSharedTable(hint: string, key: KeyDef) {
  const e = endpoint();
  // `run --no-shared-tables`: the file's own table, as before sharing (what bench:real compares against).
  const shared = e.sharedTables !== false;
  const name = shared ? sharedTableName(e.tablePrefix, key) : tableName(hint);
  const keyPrefix = `${hint.replace(/[^A-Za-z0-9_.-]/g, '_')}.${randomBytes(3).toString('hex')}.`;
  const numberBase = randomBytes(4).readUInt32BE() * 10_000;
  let joined: Promise<void> | undefined;
  const c = client();
  afterAll(async () => {
    if (joined && !shared) await deleteTableQuietly(c, name);
    c.close();
  });
  return {
    name,
    client: c,
    /** Prefix of every hash key value this file writes (S keys: prepend; N and B keys: see `numberKey`). */
    keyPrefix,
    /** A string key unique to this file: keyPrefix + hint. */
    key: (s: string) => `${keyPrefix}${s}`,
    /** A number key unique to this file: n above a random base of its own. */
    numberKey: (n: number) => String(numberBase + n),
    /** A binary key (base64) unique to this file: keyPrefix + hint as bytes. */
    binaryKey: (s: string) => Buffer.from(`${keyPrefix}${s}`).toString('base64'),
    /** Awaited by tests before use; joins (or creates) the shared table once. */
    ready(): Promise<void> {
      joined ??= (shared ? joinSharedTable(c, e, key) : createTable(c, rmwAllowed(e, tableDefinition(name, key)))).then(() => undefined);
      return joined;
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

/** The table definition with the per-table write isolation API tests need under forbid_rmw (harness/endpoint/shared-tables.ts). */
export function withRmwAllowed(def: Record<string, unknown>): Record<string, unknown> {
  return rmwAllowed(endpoint(), def);
}

/**
 * The message pattern ScyllaDB's own test (test/alternator) matches, required only where the endpoint follows
 * Alternator's API (a ScyllaDB, or the local front door emulating one); on DynamoDB and DynamoDB Local only the error
 * type is checked, their wording being their own.
 */
export function alternatorMessage(pattern: RegExp): RegExp | undefined {
  return endpoint().apiProfile === 'alternator' ? pattern : undefined;
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
  const e = endpoint();
  noteDifferencesElsewhere(DIFFERENCES.filter((d) => d.removes.includes(f)), e);
  return feature(e, f, new Set(liftedDifferences().keys())).ok;
}

/** Features a user's endpoint gives only when declared (the TTL scan period): their reasons say how to declare it. */
const FEATURE_DECLARATIONS: Partial<Record<Feature, Declaration>> = { 'ttl-expiry': 'ttlScanPeriod' };

/**
 * Skips the running test as "not applicable" when the deployment does not offer a feature. A feature a documented
 * limitation takes away runs where the file observed the limitation lifted (observeLiftedLimitations), and says so.
 */
export function requireFeature(ctx: TestContext, f: Feature): void {
  const e = endpoint();
  noteDifferencesElsewhere(DIFFERENCES.filter((d) => d.removes.includes(f)), e);
  const lifted = liftedDifferences();
  const r = feature(e, f, new Set(lifted.keys()));
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
  const d = differenceById(id);
  noteDifferencesElsewhere([d], endpoint());
  return holdsFor(d, endpoint());
}

/**
 * A test that consulted a documented difference which concerns this kind of deployment but holds for other versions
 * asserts the behaviour of this version: when it fails, the deployment may behave as those versions do. The running
 * test carries the difference's id in its meta (the collector puts it in the failure), so reports can say "known in
 * …, fixed in …" beside the failure.
 */
function noteDifferencesElsewhere(ds: readonly Difference[], e: Endpoint): void {
  const elsewhere = ds.filter((d) => d.appliesTo(e) && !holdsFor(d, e)).map((d) => d.id);
  if (elsewhere.length === 0) return;
  const test = getCurrentTest();
  if (!test) return;
  const meta = test.meta as { differencesElsewhere?: string[] };
  meta.differencesElsewhere = [...new Set([...(meta.differencesElsewhere ?? []), ...elsewhere])];
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
