// SigV4 authentication as Alternator does it (alternator/server.cc server::verify_signature, alternator/auth.cc
// get_key_from_roles, utils/aws_sigv4.cc get_signature and check_expiry; read at scylla-2026.2.4): the access
// key is a CQL role, the secret its salted_hash. Alternator checks, in this order: Host header, Authorization
// header (MissingAuthenticationTokenException since 4.4), algorithm, Credential format, role (UnrecognizedClient
// "User not found"), signing date (InvalidSignatureException, "invalid signature: " prefix since 2025.4), signature
// (UnrecognizedClientException "wrong signature" since 2025.4, "The security token ... is invalid." before).
// Enforced: every malformed or wrong request is rejected with the error type Alternator answers; the signing date is
// held to 15 minutes as DynamoDB does; replay and scope are recorded against the documented differences.
// Disabled: whatever credentials come, the request is served.
import { describe, it, expect } from 'vitest';
import type { TestContext } from 'vitest';
import { randomBytes } from 'node:crypto';
import {
  endpoint,
  client,
  expectError,
  limitation,
  record,
  requirePromise,
  differenceReference,
  requireFeature,
  type Credentials,
  type DynamoClient,
} from '../../harness/suite-kit/index.ts';
import { feature } from '../../harness/differences/registry.ts';
import { parseErrorBody } from '../../harness/client/dynamo-client.ts';

const MINUTE_MS = 60_000;
/** The error types a rejection of a signature may carry, on any API profile. */
const AUTH_ERRORS = /^(UnrecognizedClientException|InvalidSignatureException|IncompleteSignatureException|MissingAuthenticationTokenException|AccessDeniedException)$/;

type Case = 'wrongSecret' | 'unknownRole' | 'missing' | 'otherScheme' | 'badScope' | 'tamperedBody';
/**
 * What each API profile answers: Alternator from its source (server.cc, auth.cc); DynamoDB where AWS documents it.
 * `undefined`: no documented answer, the test is not applicable there.
 */
const ANSWERS: Record<'alternator' | 'dynamodb', Partial<Record<Case, { type: string; message: RegExp }>>> = {
  alternator: {
    wrongSecret: { type: 'UnrecognizedClientException', message: /signature|security token/i },
    unknownRole: { type: 'UnrecognizedClientException', message: /not found|security token|cannot be fetched/i },
    missing: { type: 'MissingAuthenticationTokenException', message: /authori[sz]ation|authentication token/i },
    otherScheme: { type: 'InvalidSignatureException', message: /AWS4-HMAC-SHA256/ },
    badScope: { type: 'ValidationException', message: /credential/i },
    tamperedBody: { type: 'UnrecognizedClientException', message: /signature|security token/i },
  },
  dynamodb: {
    wrongSecret: { type: 'InvalidSignatureException', message: /signature/i },
    unknownRole: { type: 'UnrecognizedClientException', message: /security token/i },
    missing: { type: 'MissingAuthenticationTokenException', message: /authentication token/i },
    tamperedBody: { type: 'InvalidSignatureException', message: /signature/i },
  },
};

function answerFor(ctx: TestContext, c: Case) {
  const e = endpoint();
  const a = ANSWERS[e.apiProfile][c];
  if (!a) ctx.skip(`not applicable: no documented ${e.apiProfile} answer for this request`);
  return a!;
}

/** The deployment's credentials; skips when the target hands out none. */
function credentialsOf(ctx: TestContext): Credentials {
  const c = endpoint().datacenters[0]!.credentials;
  requirePromise(ctx, c !== undefined, 'the target hands out no credentials');
  return c!;
}

/** Sends one signed request and returns the headers it was signed with (to tamper with or replay them). */
async function signedOnce(c: DynamoClient, op: string, payload: unknown, o: Parameters<DynamoClient['raw']>[2] = {}) {
  let headers: Record<string, string> = {};
  const r = await c.raw(op, payload, { ...o, afterSign: (h) => (headers = { ...h }) });
  return { r, headers };
}

/** Sends `payload` with exactly these (already signed) headers, signing nothing. */
function sendAsIs(c: DynamoClient, op: string, payload: unknown, headers: Record<string, string>) {
  return c.raw(op, payload, { sign: false, headers });
}

function rejection(status: number, text: string): string | undefined {
  if (status === 200) return undefined;
  return parseErrorBody(status, text).type;
}

describe('authentication enforced', () => {
  const e = endpoint();
  const enforced = e.promises.authorization === 'enforced';
  const why = 'the variant disables authorization (insecureDisableAuthorization)';

  it('a request signed with the role name and its salted hash succeeds', async (ctx) => {
    requirePromise(ctx, enforced, why);
    credentialsOf(ctx);
    const c = client();
    try {
      const r = await c.call<{ TableNames: string[] }>('ListTables', { Limit: 1 });
      expect(Array.isArray(r.TableNames)).toBe(true);
    } finally {
      c.close();
    }
  });

  it('a wrong secret is rejected with UnrecognizedClientException', async (ctx) => {
    requirePromise(ctx, enforced, why);
    requireFeature(ctx, 'signature-verified');
    const creds = credentialsOf(ctx);
    const a = answerFor(ctx, 'wrongSecret');
    const last = creds.secretAccessKey.slice(-1);
    const wrong = { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey.slice(0, -1) + (last === 'A' ? 'B' : 'A') };
    const c = client();
    try {
      await expectError(c.call('ListTables', { Limit: 1 }, { sign: wrong }), a.type, a.message);
    } finally {
      c.close();
    }
  });

  it('an unknown role is rejected with UnrecognizedClientException', async (ctx) => {
    requirePromise(ctx, enforced, why);
    requireFeature(ctx, 'signature-verified');
    const creds = credentialsOf(ctx);
    const a = answerFor(ctx, 'unknownRole');
    const c = client();
    try {
      const stranger = { accessKeyId: `no_such_role_${randomBytes(4).toString('hex')}`, secretAccessKey: creds.secretAccessKey };
      await expectError(c.call('ListTables', { Limit: 1 }, { sign: stranger }), a.type, a.message);
    } finally {
      c.close();
    }
  });

  it('a request without an Authorization header is rejected with MissingAuthenticationTokenException (MissingAuthenticationToken on DynamoDB Local, a documented difference)', async (ctx) => {
    requirePromise(ctx, enforced, why);
    const a = answerFor(ctx, 'missing');
    // DynamoDB Local refuses it too, in its own words (difference dynamodb-local-missing-authentication-token).
    const { type, message } = feature(e, 'missing-authentication-token-exception').ok ? a : { type: 'MissingAuthenticationToken', message: /access key ID/i };
    const c = client();
    try {
      await expectError(c.call('ListTables', { Limit: 1 }, { sign: false }), type, message);
    } finally {
      c.close();
    }
  });

  it('an Authorization header of another scheme is rejected with InvalidSignatureException', async (ctx) => {
    requirePromise(ctx, enforced, why);
    requireFeature(ctx, 'signature-verified');
    credentialsOf(ctx);
    const a = answerFor(ctx, 'otherScheme');
    const c = client();
    try {
      const p = c.call('ListTables', { Limit: 1 }, { afterSign: (h) => ({ ...h, authorization: h.authorization!.replace(/^AWS4-HMAC-SHA256/, 'AWS4-HMAC-SHA512') }) });
      await expectError(p, a.type, a.message);
      const bearer = c.call('ListTables', { Limit: 1 }, { sign: false, headers: { authorization: `Bearer ${randomBytes(8).toString('hex')}` } });
      await expectError(bearer, a.type, a.message);
    } finally {
      c.close();
    }
  });

  it('a credential scope without five parts is rejected with ValidationException', async (ctx) => {
    requirePromise(ctx, enforced, why);
    requireFeature(ctx, 'signature-verified');
    credentialsOf(ctx);
    const a = answerFor(ctx, 'badScope');
    const c = client();
    try {
      // Credential=<role>/<date>/<region>/<service>/aws4_request → Credential=<role>/<date>/<region>
      const cut = (h: Record<string, string>) => ({ ...h, authorization: h.authorization!.replace(/(Credential=[^/,]+\/[^/,]+\/[^/,]+)\/[^,]*/, '$1') });
      await expectError(c.call('ListTables', { Limit: 1 }, { afterSign: cut }), a.type, a.message);
    } finally {
      c.close();
    }
  });

  it('a body changed after signing is rejected', async (ctx) => {
    requirePromise(ctx, enforced, why);
    requireFeature(ctx, 'signature-verified');
    credentialsOf(ctx);
    const a = answerFor(ctx, 'tamperedBody');
    const c = client();
    try {
      const { r, headers } = await signedOnce(c, 'ListTables', { Limit: 1 });
      expect(r.status, `the untampered request failed: ${r.text.slice(0, 200)}`).toBe(200);
      const tampered = await sendAsIs(c, 'ListTables', { Limit: 2 }, headers);
      expect(tampered.status, 'a body changed after signing was served').not.toBe(200);
      const err = parseErrorBody(tampered.status, tampered.text);
      expect(err.type).toBe(a.type);
      expect(err.serverMessage).toMatch(a.message);
    } finally {
      c.close();
    }
  });

  // A signature over another region or service: Alternator verifies with the scope the request itself names.
  for (const [what, over] of [
    ['region', (region: string) => ({ region: region === 'us-west-2' ? 'eu-west-1' : 'us-west-2' })],
    ['service', () => ({ service: 's3' })],
  ] as const) {
    it(`a signature over another ${what}: Alternator accepts it (documented difference), DynamoDB rejects it`, async (ctx) => {
      requirePromise(ctx, enforced, why);
      requireFeature(ctx, 'signature-verified');
      credentialsOf(ctx);
      const c = client();
      try {
        const o = over(e.region);
        const r = await c.raw('ListTables', { Limit: 1 }, o);
        const type = rejection(r.status, r.text);
        const observed = `signed for ${JSON.stringify(o)}: ${type ? `rejected with ${type}` : 'served'}`;
        record(ctx, observed);
        if (!feature(e, 'signature-scope-enforced').ok) {
          limitation(ctx, differenceReference('alternator-signature-scope-from-request'), {
            reproduced: type === undefined,
            lifted: type !== undefined && AUTH_ERRORS.test(type),
            observed,
          });
        } else {
          expect(type, observed).toBe('InvalidSignatureException');
        }
      } finally {
        c.close();
      }
    });
  }

  // The signing date: Alternator compares it with its own clock and refuses a signature more than 15 minutes
  // before or after it (utils/aws_sigv4.cc check_expiry, called from get_signature, which
  // alternator/server.cc server::verify_signature turns into InvalidSignatureException "invalid signature: ...";
  // since 2019, every Alternator release), as DynamoDB does. One minute each side of the boundary leaves room
  // for clock skew between this machine and the server.
  for (const [what, offsetMs, refusedAs] of [
    ['14 minutes ago', -14 * MINUTE_MS, undefined],
    ['16 minutes ago (expired)', -16 * MINUTE_MS, /expired/i],
    ['14 minutes ahead', 14 * MINUTE_MS, undefined],
    ['16 minutes ahead (not yet current)', 16 * MINUTE_MS, /not yet current/i],
  ] as const) {
    it(`a request signed ${what} is ${refusedAs ? 'refused with InvalidSignatureException' : 'served'}`, async (ctx) => {
      requirePromise(ctx, enforced, why);
      requireFeature(ctx, 'signature-expiry');
      credentialsOf(ctx);
      const c = client();
      try {
        const r = await c.raw('ListTables', { Limit: 1 }, { signingDate: new Date(Date.now() + offsetMs) });
        const observed = `signed ${what}: HTTP ${r.status}${r.status === 200 ? '' : ` ${rejection(r.status, r.text)}`}`;
        record(ctx, observed);
        if (!refusedAs) {
          expect(r.status, `${observed}: ${r.text.slice(0, 200)}`).toBe(200);
          return;
        }
        const err = parseErrorBody(r.status, r.text);
        expect(err.type, observed).toBe('InvalidSignatureException');
        expect(err.serverMessage).toMatch(refusedAs);
      } finally {
        c.close();
      }
    });
  }

  it('an identical signed request replayed is served again (SigV4 has no nonce)', async (ctx) => {
    requirePromise(ctx, enforced, why);
    credentialsOf(ctx);
    const c = client();
    try {
      const { r, headers } = await signedOnce(c, 'ListTables', { Limit: 1 });
      expect(r.status, r.text.slice(0, 200)).toBe(200);
      const again = await sendAsIs(c, 'ListTables', { Limit: 1 }, headers);
      record(ctx, `replay: HTTP ${again.status}${again.status === 200 ? '' : ` ${rejection(again.status, again.text)}`}`);
      // Within the 15-minute window (DynamoDB and Alternator alike), a replay is indistinguishable from a retry.
      expect(again.status, again.text.slice(0, 200)).toBe(200);
      expect(JSON.parse(again.text).TableNames).toBeInstanceOf(Array);
    } finally {
      c.close();
    }
  });
});

describe('authentication disabled', () => {
  const e = endpoint();
  const disabled = e.promises.authorization === 'disabled';
  const why = 'the variant enforces authorization';

  async function served(o: Parameters<DynamoClient['raw']>[2]) {
    const c = client();
    try {
      const r = await c.call<{ TableNames: string[] }>('ListTables', { Limit: 1 }, o);
      expect(Array.isArray(r.TableNames)).toBe(true);
    } finally {
      c.close();
    }
  }

  it('a request without credentials is served', async (ctx) => {
    requireFeature(ctx, 'authorization-can-be-disabled');
    requirePromise(ctx, disabled, why);
    await served({ sign: false });
  });

  it('a request signed with wrong credentials is served', async (ctx) => {
    requireFeature(ctx, 'authorization-can-be-disabled');
    requirePromise(ctx, disabled, why);
    await served({ sign: { accessKeyId: `no_such_role_${randomBytes(4).toString('hex')}`, secretAccessKey: randomBytes(16).toString('hex') } });
  });

  it('a request with a garbage Authorization header is served', async (ctx) => {
    requireFeature(ctx, 'authorization-can-be-disabled');
    requirePromise(ctx, disabled, why);
    await served({ sign: false, headers: { authorization: `garbage ${randomBytes(8).toString('hex')}` } });
  });
});
