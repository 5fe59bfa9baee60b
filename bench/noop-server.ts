// The benchmark's no-op DynamoDB-shaped endpoint, in its own process so it does not share a CPU
// with the client being measured. Prints its URL on stdout, then serves until killed.
import { startFakeEndpoint } from '../harness/load/fake-endpoint.ts';

// BENCH_TLS_CERT / BENCH_TLS_KEY (PEM): serve HTTPS.
const cert = process.env.BENCH_TLS_CERT;
const key = process.env.BENCH_TLS_KEY;
const fe = await startFakeEndpoint({ port: Number(process.env.PORT ?? 0), ...(cert && key ? { tls: { certPem: cert, keyPem: key } } : {}) });
process.stdout.write(`${fe.url}\n`);
process.on('SIGTERM', () => void fe.close().then(() => process.exit(0)));
