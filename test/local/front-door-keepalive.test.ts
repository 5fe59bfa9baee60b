// A keep-alive client may send its next request the moment it has read a large answer, while the server's socket
// still counts that answer as draining. Node's HTTP server then pauses the TLS socket and fails to parse the rest of
// a large request body (HPE_PAUSED), resetting the connection under the client: "read ECONNRESET" / "socket hang up"
// in api/limits. The local front door must serve such back-to-back large requests on one connection. The client runs
// in its own process, as suites do: in the server's process it could never send before the server saw its drain.
import { describe, it, expect, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { createLocalTarget } from '../../harness/targets/local/local-target.ts';
import { Variant } from '../../harness/variant/model.ts';
import type { Deployment } from '../../harness/targets/target.ts';

/** Unsigned requests (the variant disables authorization) over one keep-alive socket; prints the errors met. */
const CLIENT = `
const https = require('node:https');
const { randomBytes } = require('node:crypto');
const { URL_, CA, NAME } = process.env;
const u = new URL(URL_);
const agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca: CA, servername: NAME });
const call = (op, body) => new Promise((resolve, reject) => {
  const data = JSON.stringify(body);
  const req = https.request({ host: u.hostname, port: u.port, method: 'POST', path: '/', agent, servername: NAME,
    headers: { host: NAME, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.' + op, 'content-length': Buffer.byteLength(data) } },
    (res) => { const chunks = []; res.on('data', (c) => chunks.push(c)); res.on('end', () => res.statusCode === 200 ? resolve() : reject(new Error(op + ' HTTP ' + res.statusCode + ' ' + Buffer.concat(chunks).toString().slice(0, 200)))); });
  req.on('error', reject);
  req.end(data);
});
(async () => {
  const errors = [];
  const table = 'keepalive_t';
  await call('CreateTable', { TableName: table, KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' });
  await new Promise((r) => setTimeout(r, 50));
  const name = randomBytes(32768).toString('hex').slice(0, 65535);
  for (let i = 0; i < 40; i++) {
    const key = { p: { S: 'k' + i } };
    await call('PutItem', { TableName: table, Item: { ...key, [name]: { N: String(i) } } }).catch((e) => errors.push('put ' + i + ': ' + e.message));
    await call('GetItem', { TableName: table, Key: key, AttributesToGet: [name] }).catch((e) => errors.push('get ' + i + ': ' + e.message));
    await call('UpdateItem', { TableName: table, Key: key, AttributeUpdates: { [name]: { Value: { N: '2' }, Action: 'PUT' } } }).catch((e) => errors.push('update ' + i + ': ' + e.message));
  }
  process.stdout.write(JSON.stringify(errors));
  agent.destroy();
})();
`;

describe('local front door over one keep-alive TLS connection', () => {
  let d: Deployment | undefined;
  afterAll(() => d?.stop());

  it('serves 120 large requests that each follow a large answer at once on one connection, none reset', async () => {
    const variant = Variant.parse({ name: 'keepalive', alternator: { insecureDisableAuthorization: true }, versions: { scylla: '2026.2.4', operator: 'v1.21.1' } });
    const silent = { step() {}, done() {}, warn() {}, waiting() {} };
    d = await createLocalTarget().deploy(variant, { runId: 'keepalive', reportsDir: '/tmp/alte2e-keepalive', progress: silent as never, signal: new AbortController().signal, failOnLiftedLimitation: false });
    const dc = d.endpoint.datacenters[0]!;
    const child = spawn(process.execPath, ['-e', CLIENT], { env: { URL_: dc.httpsUrl, CA: dc.caBundlePem, NAME: dc.tlsServerName ?? '' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b));
    await new Promise((resolve) => child.on('exit', resolve));
    expect(JSON.parse(out)).toEqual([]);
  });
});
