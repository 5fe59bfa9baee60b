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

/**
 * Sends again after an HTTP 5xx answer, as every DynamoDB client does (AWS: "Error retries and exponential backoff");
 * a 4xx, any other error, or the last 5xx is thrown. Only for requests a 5xx leaves unapplied.
 */
export async function retryServerErrors<T>(f: () => Promise<T>, attempts = 5, stepMs = 200): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await f();
    } catch (e) {
      const status = (e as { status?: unknown }).status;
      if (i >= attempts || typeof status !== 'number' || status < 500) throw e;
      await sleep(stepMs * 2 ** (i - 1));
    }
  }
}
