// Certificate authorities and serving certificates, as the operator shapes them (pkg/naming, docs
// architecture/security.md): a CA, and a serving certificate that is not a CA, with key usage
// DigitalSignature|KeyEncipherment, extended key usage serverAuth and the client names as SANs.
// @peculiar/x509 resolves its ASN.1 providers through tsyringe, which needs the reflect-metadata polyfill.
import 'reflect-metadata';
import { webcrypto, X509Certificate as NodeX509 } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as any);

// ECDSA P-256 keys: as strong as RSA-3072 and generated in milliseconds, which keeps a local variant's start fast.
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface KeyPairPem {
  certPem: string;
  keyPem: string;
}
export interface CertificateAuthority extends KeyPairPem {
  cert: x509.X509Certificate;
  keys: webcrypto.CryptoKeyPair;
}

const DAY = 24 * 3600 * 1000;

function newKeyPair(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']) as unknown as Promise<webcrypto.CryptoKeyPair>;
}

/** Valid from a minute ago, so a peer whose clock is slightly behind does not see a certificate from the future. */
function validity(days: number): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  return { notBefore: new Date(now - 60_000), notAfter: new Date(now + days * DAY) };
}

async function exportKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

function serial(): string {
  // Positive, 16 random bytes (RFC 5280 allows up to 20).
  const b = webcrypto.getRandomValues(new Uint8Array(16));
  b[0] = b[0]! & 0x7f;
  return Buffer.from(b).toString('hex');
}

export async function createCA(commonName: string, validityDays = 3650): Promise<CertificateAuthority> {
  const keys = await newKeyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${commonName}`,
    ...validity(validityDays),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys, certPem: cert.toString('pem'), keyPem: await exportKeyPem(keys.privateKey) };
}

export interface ServingCertOptions {
  commonName: string;
  dnsNames: string[];
  ipAddresses: string[];
  validityDays?: number;
}

export async function issueServingCertificate(ca: CertificateAuthority, o: ServingCertOptions): Promise<KeyPairPem> {
  const keys = await newKeyPair();
  const sans: x509.JsonGeneralName[] = [
    ...o.dnsNames.map((value) => ({ type: 'dns' as const, value })),
    ...o.ipAddresses.map((value) => ({ type: 'ip' as const, value })),
  ];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${o.commonName}`,
    issuer: ca.cert.subject,
    ...validity(o.validityDays ?? 30),
    signingKey: ca.keys.privateKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(sans),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await exportKeyPem(keys.privateKey) };
}

/** Parsed facts about a certificate that the TLS suite asserts. */
export interface CertificateFacts {
  subject: string;
  issuer: string;
  dnsNames: string[];
  ipAddresses: string[];
  notBefore: Date;
  notAfter: Date;
  isCA: boolean;
  keyUsage: string[];
  extendedKeyUsage: string[];
  publicKey: { algorithm: string; bits: number };
  fingerprint256: string;
}

export function certificateFacts(pemOrDer: string | Buffer): CertificateFacts {
  const cert = new x509.X509Certificate(typeof pemOrDer === 'string' ? pemOrDer : new Uint8Array(pemOrDer));
  const node = new NodeX509(pemOrDer);
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const ku = cert.getExtension(x509.KeyUsagesExtension);
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  const names = san?.names.toJSON() ?? [];
  const kuNames = Object.entries(x509.KeyUsageFlags)
    .filter(([, bit]) => typeof bit === 'number' && ku && (ku.usages & bit) !== 0)
    .map(([name]) => name);
  const ekuNames = (eku?.usages ?? []).map((u) => {
    const oid = String(u);
    return oid === x509.ExtendedKeyUsage.serverAuth ? 'serverAuth' : oid === x509.ExtendedKeyUsage.clientAuth ? 'clientAuth' : oid;
  });
  const pk = node.publicKey;
  const details = pk.asymmetricKeyDetails ?? {};
  const bits =
    pk.asymmetricKeyType === 'ec'
      ? ({ prime256v1: 256, secp384r1: 384, secp521r1: 521 } as Record<string, number>)[details.namedCurve ?? ''] ?? 0
      : (details.modulusLength ?? 0);
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    dnsNames: names.filter((n) => n.type === 'dns').map((n) => n.value),
    ipAddresses: names.filter((n) => n.type === 'ip').map((n) => n.value),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    isCA: bc?.ca ?? false,
    keyUsage: kuNames,
    extendedKeyUsage: ekuNames,
    publicKey: { algorithm: pk.asymmetricKeyType ?? 'unknown', bits },
    fingerprint256: node.fingerprint256,
  };
}

/** Splits a PEM bundle into its certificates. */
export function splitPemBundle(bundle: string): string[] {
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}
