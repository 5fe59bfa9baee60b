// Errors of the operating system that reach the command line (a reports path that is a file, a directory without
// write permission, a program that is not installed, an endpoint that refuses connections): one line naming the path
// or address and what went wrong, and the exit code of its kind, never a stack trace and never exit 1 (README
// reserves 1 for conformance failures).
import { EXIT } from './exit-codes.ts';

const FILE_ERRORS = new Set(['ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'ENOENT', 'EEXIST', 'EROFS', 'ENOSPC', 'EMFILE', 'ENAMETOOLONG', 'ELOOP', 'EBUSY']);
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

const WHAT: Record<string, string> = {
  ENOTDIR: 'a part of the path is a file, not a directory',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  EEXIST: 'it already exists',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'name resolution failed (temporary)',
};

type SystemError = NodeJS.ErrnoException & { address?: string; port?: number; hostname?: string };

/** The line and exit code for an operating-system error, or undefined for any other error. */
export function describeSystemError(e: unknown): { line: string; exitCode: number } | undefined {
  if (!(e instanceof Error)) return undefined;
  const s = e as SystemError;
  if (typeof s.code !== 'string') return undefined;
  const what = WHAT[s.code] ?? s.code;
  if (s.syscall?.startsWith('spawn')) return { line: `cannot run ${s.path ?? s.syscall.slice(6)}: ${what} (is it installed and on PATH? \`alternator-e2e doctor\` says what a target needs)`, exitCode: EXIT.provision };
  if (NETWORK_ERRORS.has(s.code)) {
    const where = s.address ? `${s.address}${s.port ? `:${s.port}` : ''}` : (s.hostname ?? 'the endpoint');
    return { line: `cannot reach ${where}: ${what} (${s.code})`, exitCode: EXIT.provision };
  }
  if (FILE_ERRORS.has(s.code)) return { line: `cannot ${s.syscall ?? 'use'} ${s.path ?? 'a file'}: ${what} (${s.code})`, exitCode: EXIT.usage };
  return undefined;
}
