// Errors a user can act on. The CLI maps each class to an exit code (see harness/cli/exit-codes.ts).

/** Bad input: names where (file, field), what (value) and what would be accepted. Exit 2, nothing started. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly details: { file?: string; field?: string; value?: unknown; allowed?: readonly string[]; fix?: string } = {},
  ) {
    super(formatConfigError(message, details));
    this.name = 'ConfigError';
  }
}

function formatConfigError(message: string, d: ConfigError['details']): string {
  const where = [d.file, d.field].filter(Boolean).join(': ');
  const parts = [where ? `${where}: ${message}` : message];
  if (d.value !== undefined) parts.push(`got ${JSON.stringify(d.value)}`);
  if (d.allowed?.length) parts.push(`allowed: ${d.allowed.join(', ')}`);
  if (d.fix) parts.push(`fix: ${d.fix}`);
  return parts.join('; ');
}

/** A target could not be created or reached (cluster, operator, container, endpoint). Exit 3. */
export class ProvisionError extends Error {
  constructor(
    message: string,
    readonly step?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProvisionError';
  }
}

/**
 * What a command needs is not there or cannot be reached (a missing kind or docker, an endpoint that refuses the
 * connection): exit 3 like a provisioning failure, but said as it is, since nothing was being provisioned yet.
 */
export class TargetUnavailableError extends ProvisionError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, undefined, options);
    this.name = 'TargetUnavailableError';
  }
}
