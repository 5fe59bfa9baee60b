// Latency histograms: HdrHistogram (hdr-histogram-js), pure-JS build on purpose. Recording costs about
// 0.1 µs, negligible next to a request; the WebAssembly build records faster but must be initialised
// and freed by hand (`destroy()`), and a forgotten one leaks across a long run. Every histogram has the
// same shape (1 µs .. 1 h, 3 significant digits, 32-bit counts), so any two merge exactly with `add`.
import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';

export type { Histogram };

/** Values are microseconds. */
export const HISTOGRAM_UNIT = 'us';
export const HIGHEST_TRACKABLE_US = 3_600_000_000;
/** Names the encoding in reports: HdrHistogram V2 compressed encoding, base64. */
export const HISTOGRAM_ENCODING = 'HdrHistogram-V2-compressed-base64';

export function newHistogram(): Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_TRACKABLE_US,
    numberOfSignificantValueDigits: 3,
    bitBucketSize: 32,
    autoResize: false,
    useWebAssembly: false,
  });
}

/** Records a latency in microseconds; values outside 1 µs .. 1 h are clamped into it. */
export function recordMicros(h: Histogram, us: number): void {
  h.recordValue(Math.min(HIGHEST_TRACKABLE_US, Math.max(1, Math.round(us))));
}

export function encodeHistogram(h: Histogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

export function decodeHistogram(encoded: string): Histogram {
  return hdr.decodeFromCompressedBase64(encoded, 32, false);
}

/** Adds encoded histograms into one fresh histogram (exact: counts per bucket add). */
export function mergeEncoded(encoded: Iterable<string>): Histogram {
  const out = newHistogram();
  for (const e of encoded) out.add(decodeHistogram(e));
  return out;
}

export interface LatencySummary {
  /** Milliseconds, from the histogram's buckets (3 significant digits): the same whether the histogram was
   * recorded here or decoded and merged (a live histogram also remembers the raw max, a decoded one cannot). */
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

const ms = (us: number): number => Math.round(us) / 1000;

export function summarize(h: Histogram): LatencySummary {
  if (h.totalCount === 0) return { min: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 };
  return {
    min: ms(h.getValueAtPercentile(0)),
    mean: Math.round(h.mean) / 1000,
    p50: ms(h.getValueAtPercentile(50)),
    p90: ms(h.getValueAtPercentile(90)),
    p99: ms(h.getValueAtPercentile(99)),
    p999: ms(h.getValueAtPercentile(99.9)),
    max: ms(h.getValueAtPercentile(100)),
  };
}
