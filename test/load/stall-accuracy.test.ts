// The report must show a known server stall: an endpoint that answers every Nth request STALL_MS late.
// Margins only; nothing here asserts how fast the harness itself is.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { startFakeEndpoint, type FakeEndpoint } from '../../harness/load/fake-endpoint.ts';
import { runLoad } from '../../harness/load/run-load.ts';
import { decodeHistogram } from '../../harness/load/histograms.ts';
import type { LoadOptions } from '../../harness/load/options.ts';
import { endpointFor } from './endpoint-fixture.ts';

const STALL_MS = 300;
// 1 in 40 = 2.5% of requests: more than 1%, so p99 must land on a stalled request.
const STALL_EVERY = 40;

let fe: FakeEndpoint;
beforeEach(async () => {
  fe = await startFakeEndpoint({ stallEvery: STALL_EVERY, stallMs: STALL_MS });
});
afterEach(() => fe.close());

const run = (o: Partial<LoadOptions>) => runLoad({ endpoint: endpointFor(fe.url), workload: 'C', recordCount: 100, durationSeconds: 1.5, ...o });

describe('a stall of known length shows in the report', () => {
  it('closed loop: p99 and max show the stall, the median does not', async () => {
    const r = await run({ concurrency: 2 });
    const read = r.operations.read!;
    expect(fe.stats.stalled).toBeGreaterThan(0);
    expect(read.latencyMs.p99).toBeGreaterThanOrEqual(STALL_MS);
    expect(read.latencyMs.max).toBeGreaterThanOrEqual(STALL_MS);
    expect(read.latencyMs.max).toBeLessThan(STALL_MS + 2000);
    expect(read.latencyMs.p50).toBeLessThan(STALL_MS / 2);
    // The histogram in the report is the one summarised.
    expect(decodeHistogram(read.histogram.data).totalCount).toBe(read.count);
    // Every stalled answer is in the time series of the second it completed.
    expect(read.timeSeries.filter((p) => p.max >= STALL_MS).length).toBeGreaterThan(0);
  });

  it('open loop: p99 and max show the stall', async () => {
    const r = await run({ rate: 200, concurrency: 4 });
    const read = r.operations.read!;
    expect(r.parameters.mode).toBe('open');
    expect(fe.stats.stalled).toBeGreaterThan(0);
    expect(read.latencyMs.p99).toBeGreaterThanOrEqual(STALL_MS);
    expect(read.latencyMs.max).toBeGreaterThanOrEqual(STALL_MS);
    expect(read.latencyMs.max).toBeLessThan(STALL_MS + 2000);
    expect(r.totals.scheduled).toBe(300);
    expect(r.totals.missed).toBe(0);
    expect(read.count).toBe(300);
  });

  it('open loop charges the stall to the operations queued behind it; closed loop cannot (coordinated omission)', async () => {
    // One lane: while a request stalls, the operations due meanwhile wait for the lane.
    const open = await run({ rate: 100, concurrency: 1 });
    const closed = await run({ concurrency: 1 });
    // Histograms hold microseconds.
    const openRead = decodeHistogram(open.operations.read!.histogram.data);
    const closedRead = decodeHistogram(closed.operations.read!.histogram.data);
    const ms = (h: typeof openRead, p: number) => h.getValueAtPercentile(p) / 1000;
    // Stalls are 2.5% of requests, but roughly a quarter of open-loop operations were due during a stall's first half.
    expect(ms(openRead, 90)).toBeGreaterThanOrEqual(STALL_MS / 2);
    expect(ms(closedRead, 90)).toBeLessThan(STALL_MS / 2);
    expect(ms(closedRead, 99)).toBeGreaterThanOrEqual(STALL_MS);
    expect(ms(openRead, 100)).toBeGreaterThanOrEqual(STALL_MS);
  });
});
