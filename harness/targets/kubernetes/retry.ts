// Retries for infrastructure steps only (apply while a webhook is not serving yet, a dropped connection).
// Suites' assertions never pass through here: a retried assertion would hide a real failure.
import { ProvisionError } from '../../util/errors.ts';
import { isRetryableInfraError } from './kube-api.ts';
import { InterruptedError, type Clock } from './wait.ts';

export interface RetryOptions {
  attempts: number;
  delayMs: number;
  clock: Clock;
  signal?: AbortSignal;
  step: string;
  /** Called before each new attempt, e.g. to log "webhook not ready, retrying". */
  onRetry?: (attempt: number, error: Error) => void;
  isRetryable?: (e: unknown) => boolean;
}

export async function retryInfra<T>(what: string, fn: () => Promise<T>, o: RetryOptions): Promise<T> {
  const retryable = o.isRetryable ?? isRetryableInfraError;
  for (let attempt = 1; ; attempt++) {
    if (o.signal?.aborted) throw new InterruptedError(o.step);
    try {
      return await fn();
    } catch (e) {
      if (!retryable(e)) throw e;
      if (attempt >= o.attempts)
        throw new ProvisionError(`${what} failed after ${attempt} attempts: ${(e as Error).message}`, o.step, { cause: e });
      o.onRetry?.(attempt, e as Error);
      // Linear backoff: webhooks become ready within tens of seconds; doubling would overshoot.
      await o.clock.sleep(o.delayMs * attempt, o.signal);
    }
  }
}
