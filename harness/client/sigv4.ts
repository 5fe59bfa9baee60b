// AWS Signature Version 4 for the DynamoDB JSON protocol, on @smithy/signature-v4 (the AWS SDK's own signer).
// The same signer verifies on the local front door: it re-signs the request over the headers the client
// said it signed, with the client's own date, region and service, as Alternator does (server.cc verify_signature).
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Hash } from '@smithy/hash-node';
import type { Credentials } from '../endpoint/contract.ts';

const Sha256 = Hash.bind(null, 'sha256');

export interface SignInput {
  host: string;
  headers: Record<string, string>;
  body: string | Uint8Array;
  credentials: Credentials;
  region: string;
  service?: string;
  date?: Date;
}

const signers = new Map<string, SignatureV4>();
/**
 * `verifying`: the signer re-signs a received request, so it must add no header of its own (by default it adds and
 * signs x-amz-content-sha256, which a client such as the AWS CLI never sent: every such request would look forged).
 */
function signerFor(c: Credentials, region: string, service: string, verifying = false): SignatureV4 {
  const key = `${c.accessKeyId}\0${c.secretAccessKey}\0${region}\0${service}\0${verifying}`;
  let s = signers.get(key);
  if (!s) {
    // One signer per key: it caches the derived signing key per day, so a load loop does not re-derive it.
    s = new SignatureV4({ credentials: c, region, service, sha256: Sha256, uriEscapePath: true, ...(verifying ? { applyChecksum: false } : {}) });
    signers.set(key, s);
  }
  return s;
}

/** Returns the request headers plus `authorization`, `x-amz-date` (and whatever else the signer adds). */
export async function signRequest(i: SignInput): Promise<Record<string, string>> {
  const req = new HttpRequest({ method: 'POST', protocol: 'https:', hostname: i.host, path: '/', headers: { ...i.headers, host: i.host }, body: i.body });
  const signed = await signerFor(i.credentials, i.region, i.service ?? 'dynamodb').sign(req, i.date ? { signingDate: i.date } : {});
  return signed.headers as Record<string, string>;
}

export interface ParsedAuthorization {
  algorithm: string;
  credential: string;
  credentialParts: string[];
  signedHeaders: string[];
  signature: string;
}

/** Parses `AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`; missing parts come back empty. */
export function parseAuthorization(header: string): ParsedAuthorization {
  const space = header.indexOf(' ');
  const algorithm = space < 0 ? header : header.slice(0, space);
  const params = new Map<string, string>();
  for (const part of (space < 0 ? '' : header.slice(space + 1)).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = params.get('Credential') ?? '';
  return {
    algorithm,
    credential,
    credentialParts: credential.split('/'),
    signedHeaders: (params.get('SignedHeaders') ?? '').split(';').filter(Boolean),
    signature: params.get('Signature') ?? '',
  };
}

/** `20240102T030405Z` → Date, or undefined. */
function parseAmzDate(s: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s ?? '');
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

/** Recomputes the signature the client should have sent, over exactly the headers it listed as signed. */
export async function expectedSignature(
  auth: ParsedAuthorization,
  headers: Record<string, string | string[] | undefined>,
  body: Uint8Array,
  secretAccessKey: string,
): Promise<string | undefined> {
  const [accessKeyId, , region, service] = auth.credentialParts;
  const date = parseAmzDate(String(headers['x-amz-date'] ?? ''));
  if (!accessKeyId || !region || !service || !date) return undefined;
  const signed: Record<string, string> = {};
  for (const h of auth.signedHeaders) {
    const v = headers[h];
    if (v !== undefined) signed[h] = Array.isArray(v) ? v.join(',') : v;
  }
  const req = new HttpRequest({ method: 'POST', protocol: 'https:', hostname: signed.host ?? '', path: '/', headers: signed, body });
  const out = await signerFor({ accessKeyId, secretAccessKey }, region, service, true).sign(req, {
    signingDate: date,
    signableHeaders: new Set(auth.signedHeaders),
  });
  return parseAuthorization(String(out.headers.authorization ?? '')).signature;
}
