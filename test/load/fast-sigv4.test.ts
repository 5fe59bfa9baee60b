// The load client's own SigV4 path must sign exactly as @smithy/signature-v4 (the AWS SDK's signer).
import { describe, it, expect } from 'vitest';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Hash } from '@smithy/hash-node';
import { FastSigner, CONTENT_TYPE, TARGET_PREFIX } from '../../harness/load/fast-sigv4.ts';
import { requestText } from '../../harness/load/raw-transport.ts';
import { expectNoSecret } from '../helpers/secrets.ts';

const creds = { accessKeyId: 'cassandra', secretAccessKey: 'salted$hash/with+odd=chars' };

async function reference(host: string, target: string, body: string, date: Date, region: string, service = 'dynamodb') {
  const signer = new SignatureV4({ credentials: creds, region, service, sha256: Hash.bind(null, 'sha256'), uriEscapePath: true });
  const req = new HttpRequest({
    method: 'POST',
    protocol: 'https:',
    hostname: host,
    path: '/',
    headers: { host, 'content-type': CONTENT_TYPE, 'x-amz-target': TARGET_PREFIX + target },
    body,
  });
  const signed = await signer.sign(req, { signingDate: date });
  return signed.headers as Record<string, string>;
}

const cases = [
  { host: 'localhost:8043', target: 'GetItem', body: '{"TableName":"t","Key":{"pk":{"S":"user0000000001"}}}', region: 'us-east-1' },
  { host: '10.0.0.7:8043', target: 'UpdateItem', body: '{"TableName":"usertable","Key":{"pk":{"S":"k"}},"UpdateExpression":"SET #f = :v"}', region: 'eu-west-2' },
  { host: 'scylla-client.ns.svc', target: 'BatchWriteItem', body: `{"RequestItems":{"t":[${'{"PutRequest":{"Item":{"pk":{"S":"x"}}}},'.repeat(24)}{"PutRequest":{"Item":{"pk":{"S":"y"}}}}]}}`, region: 'us-east-1' },
  { host: 'h:1', target: 'GetItem', body: '', region: 'ap-south-1' },
];

describe('FastSigner', () => {
  it.each(cases)('signs $target for $host in $region exactly as @smithy/signature-v4', async (c) => {
    const date = new Date(Date.UTC(2026, 10, 22, 23, 59, 58, 345));
    const fast = new FastSigner(creds, c.region).sign(c.host, c.target, c.body, date.getTime());
    const ref = await reference(c.host, c.target, c.body, date, c.region);
    expect(fast.authorization).toBe(ref.authorization);
    expect(fast['x-amz-date']).toBe(ref['x-amz-date']);
    expect(fast['x-amz-content-sha256']).toBe(ref['x-amz-content-sha256']);
  });

  it('re-derives the signing key when the date changes and reuses it within a day', async () => {
    const signer = new FastSigner(creds, 'us-east-1');
    const body = '{"TableName":"t"}';
    const days = [Date.UTC(2026, 0, 1, 23, 59, 59), Date.UTC(2026, 0, 2, 0, 0, 1), Date.UTC(2026, 0, 2, 12, 0, 0), Date.UTC(2026, 0, 1, 1, 0, 0)];
    for (const ms of days) {
      const ref = await reference('h:1', 'GetItem', body, new Date(ms), 'us-east-1');
      expect(signer.sign('h:1', 'GetItem', body, ms).authorization).toBe(ref.authorization);
    }
  });

  it('writes a request whose headers are the signed ones and whose content-length is the body length', () => {
    const signer = new FastSigner(creds, 'us-east-1');
    const text = requestText(signer, 'h:1', 'GetItem', '{"a":"é"}', Date.UTC(2026, 0, 1));
    const [head, body] = text.split('\r\n\r\n');
    expect(body).toBe('{"a":"é"}');
    expect(head).toMatch(/\r\ncontent-length: 10(\r\n|$)/);
    expect(head).toMatch(/\r\nx-amz-target: DynamoDB_20120810\.GetItem\r\n/);
    expect(head).toContain('SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target');
    expectNoSecret(text, creds.secretAccessKey, 'the signed request');
  });
});
