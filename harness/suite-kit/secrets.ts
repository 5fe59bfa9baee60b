// Suites check secrets without ever handing one to `expect`: vitest prints what an assertion received, and a failure
// message reaches the console and every report. These helpers say what is wrong with a secret, never what it is.
import { AssertionError } from 'node:assert';

/**
 * The shape of a salted_hash as system.roles holds it: crypt(3) SHA-512, "$6$<salt>$<86 characters>". ScyllaDB's
 * auth/passwords.cc (detail::prefix_for_scheme, scheme::sha_512 → "$6$"; salts of 16 characters) uses the best scheme
 * the system's crypt supports, SHA-512 wherever glibc/musl provide it (every ScyllaDB image); the operator page calls
 * it the role's salted_hash.
 */
const SHA512_CRYPT = /^\$6\$(?:rounds=\d+\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{86}$/;

/** Why `value` is not a SHA-512 crypt hash, described without any of its characters; undefined when it is one. */
export function notCryptHashWhy(value: string): string | undefined {
  if (SHA512_CRYPT.test(value)) return undefined;
  if (value === '') return 'empty';
  const parts = value.split('$');
  if (!value.startsWith('$')) return `${value.length} characters, not starting with "$6$"`;
  if (parts[1] !== '6') return `${value.length} characters, a crypt hash of another scheme than "$6$" (SHA-512)`;
  return `${value.length} characters starting with "$6$", but not "$6$<salt>$<86 characters of ./0-9A-Za-z>"`;
}

/** Fails, naming `what`, unless `value` is a SHA-512 crypt hash; the message never contains the value. */
export function expectCryptHash(value: string | undefined, what: string): void {
  const why = value === undefined ? 'absent' : notCryptHashWhy(value);
  if (why) throw new AssertionError({ message: `${what}: not a crypt hash (${why})` });
}
