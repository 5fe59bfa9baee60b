// Alternator's health check: `GET /` answers 200 "healthy: <address>" once Alternator serves
// (alternator/server.cc). Polled over HTTPS, verifying the serving certificate against the harness's CA.
import https from 'node:https';
import { ProvisionError } from '../../util/errors.ts';

export interface HealthProbeResult {
  ok: boolean;
  detail: string;
}
export type HealthProbe = (o: { url: string; caPem: string; servername?: string; timeoutMs: number }) => Promise<HealthProbeResult>;

export const HEALTH_STEP = 'alternator health check';

export const httpsHealthProbe: HealthProbe = ({ url, caPem, servername, timeoutMs }) =>
  new Promise((resolve) => {
    const req = https.get(new URL('/', url), { ca: caPem, servername, timeout: timeoutMs, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        if (body.length < 4096) body += c;
      });
      res.on('end', () => {
        const ok = res.statusCode === 200 && body.startsWith('healthy');
        resolve({ ok, detail: `HTTP ${res.statusCode}: ${body.slice(0, 200).trim()}` });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => resolve({ ok: false, detail: e.message }));
  });

export interface WaitForHealthOptions {
  url: string;
  caPem: string;
  servername?: string;
  timeoutMs: number;
  intervalMs: number;
  signal: AbortSignal;
  probe?: HealthProbe;
}

/** Resolves once Alternator answers healthy; ProvisionError with the last answer when it does not in time. */
export async function waitForAlternatorHealth(o: WaitForHealthOptions): Promise<void> {
  const probe = o.probe ?? httpsHealthProbe;
  const deadline = Date.now() + o.timeoutMs;
  let last = 'not probed yet';
  for (;;) {
    if (o.signal.aborted) throw new ProvisionError('interrupted while waiting for Alternator to become healthy', HEALTH_STEP);
    const r = await probe({ url: o.url, caPem: o.caPem, servername: o.servername, timeoutMs: Math.min(5000, o.timeoutMs) });
    if (r.ok) return;
    last = r.detail;
    if (Date.now() >= deadline)
      throw new ProvisionError(
        `Alternator did not answer its health check GET / at ${o.url} within ${Math.round(o.timeoutMs / 1000)} s (last answer: ${last}); ` +
          'see the container logs in the variant diagnostics',
        HEALTH_STEP,
      );
    await sleep(o.intervalMs, o.signal);
  }
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
