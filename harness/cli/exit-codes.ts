export const EXIT = {
  ok: 0,
  /** Conformance failures (a test failed, a variant failed to deploy while others ran). */
  failures: 1,
  /** Bad command line, profile or configuration; nothing was started. */
  usage: 2,
  /** The target could not be provisioned (cluster, operator, container, endpoint). */
  provision: 3,
  interruptedSigint: 130,
  interruptedSigterm: 143,
} as const;
