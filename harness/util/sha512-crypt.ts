// SHA-512 crypt(3) ("$6$", Ulrich Drepper's specification), the format ScyllaDB documents for
// `auth_superuser_salted_password` ("mkpasswd -m SHA-512"; cleartext is not accepted there). The container
// target configures its role with such a hash and logs in with the matching password to read it back.
import { createHash, randomBytes } from 'node:crypto';

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DEFAULT_ROUNDS = 5000;

// Byte triples of the final digest in the order the specification encodes them.
const ORDER: ReadonlyArray<readonly [number, number, number]> = [
  [0, 21, 42], [22, 43, 1], [44, 2, 23], [3, 24, 45], [25, 46, 4], [47, 5, 26], [6, 27, 48],
  [28, 49, 7], [50, 8, 29], [9, 30, 51], [31, 52, 10], [53, 11, 32], [12, 33, 54], [34, 55, 13],
  [56, 14, 35], [15, 36, 57], [37, 58, 16], [59, 17, 38], [18, 39, 60], [40, 61, 19], [62, 20, 41],
];

const sha512 = (...parts: Buffer[]) => {
  const h = createHash('sha512');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** `length` bytes of `block` repeated. */
function repeatTo(block: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += block.length) block.copy(out, i, 0, Math.min(block.length, length - i));
  return out;
}

function encode24(b2: number, b1: number, b0: number, n: number): string {
  let w = (b2 << 16) | (b1 << 8) | b0;
  let s = '';
  for (let i = 0; i < n; i++, w >>= 6) s += ITOA64[w & 0x3f];
  return s;
}

export function sha512Crypt(password: string, salt: string, rounds?: number): string {
  const P = Buffer.from(password, 'utf8');
  const S = Buffer.from(salt.slice(0, 16), 'utf8');
  const r = rounds === undefined ? DEFAULT_ROUNDS : Math.min(999_999_999, Math.max(1000, rounds));
  const B = sha512(P, S, P);
  const a = createHash('sha512').update(P).update(S);
  a.update(repeatTo(B, P.length));
  for (let n = P.length; n > 0; n >>= 1) a.update(n & 1 ? B : P);
  const A = a.digest();
  const Pp = repeatTo(sha512(...Array.from({ length: P.length }, () => P)), P.length);
  const Sp = repeatTo(sha512(...Array.from({ length: 16 + A[0]! }, () => S)), S.length);
  let C = A;
  for (let i = 0; i < r; i++) {
    const h = createHash('sha512');
    h.update(i & 1 ? Pp : C);
    if (i % 3) h.update(Sp);
    if (i % 7) h.update(Pp);
    h.update(i & 1 ? C : Pp);
    C = h.digest();
  }
  const body = ORDER.map(([x, y, z]) => encode24(C[x]!, C[y]!, C[z]!, 4)).join('') + encode24(0, 0, C[63]!, 2);
  return `$6$${rounds === undefined ? '' : `rounds=${r}$`}${S.toString('utf8')}$${body}`;
}

/** A random salt of 16 characters from the crypt alphabet. */
export function randomCryptSalt(): string {
  return Array.from(randomBytes(16), (b) => ITOA64[b & 0x3f]).join('');
}

/** A random password of letters and digits (nothing a CQL string literal or a shell would need to quote). */
export function randomPassword(length = 24): string {
  const alphabet = ITOA64.slice(2);
  return Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('');
}
