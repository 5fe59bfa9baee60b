// Waiting in suites: a plain sleep, and retrying an assertion until it holds.
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Retries an assertion until it holds or the time is up, then throws its last error. For what the API makes
 * eventually consistent (GSIs, tags on DynamoDB, streams, replication between datacenters).
 */
export async function eventually<T>(f: () => Promise<T>, timeoutMs = 15_000, stepMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await f();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await sleep(stepMs);
    }
  }
}
