// Reading ScyllaDB's Prometheus metrics from a suite: every node's /metrics scraped and a series summed over nodes and
// shards (a request is counted on the node, and shard, that coordinated it), and how much series grew while an action
// ran. The metrics suites (suites/metrics/) measure exact deltas with it.
import http from 'node:http';
import type { TestContext } from 'vitest';
import type { Endpoint } from '../endpoint/contract.ts';
import { requireDeclared } from './index.ts';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A series: its name and the labels a sample must carry (others are summed over). */
export type SeriesSelector = readonly [name: string, labels?: Record<string, string>];

function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { timeout: 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`${url}: HTTP ${res.statusCode}`))));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Prometheus text exposition: `name{label="value",...} value` lines (comments and timestamps ignored). */
export function parseMetrics(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!.replace(/\\(.)/g, '$1');
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

/** The sum of a series over every node and shard (absent series count as 0). */
export function sumOf(samples: readonly Sample[], [name, labels = {}]: SeriesSelector): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((a, s) => a + s.value, 0);
}

export interface NodeMetrics {
  /** The metrics URLs of the first datacenter's nodes (the suites' client talks to it). */
  urls: readonly string[];
  /** "not applicable" unless the target gives access to the nodes' metrics. */
  require(ctx: TestContext): void;
  /** How much each series grew while `action` ran (summed over the nodes). */
  growth(series: readonly SeriesSelector[], action: () => Promise<unknown>): Promise<number[]>;
}

export function nodeMetrics(e: Endpoint): NodeMetrics {
  const urls = e.datacenters[0]?.metricsUrls ?? [];
  const scrape = async () => (await Promise.all(urls.map(fetchText))).flatMap(parseMetrics);
  return {
    urls,
    require(ctx) {
      if (urls.length > 0) return;
      const why =
        e.apiProfile === 'dynamodb'
          ? `(the endpoint follows DynamoDB's API, ${e.target}, which has none)`
          : '(endpoint: --metrics-url per node; kind/kubeconfig: port 9180 of each member)';
      requireDeclared(ctx, false, 'metricsUrls', `the target gives no access to ScyllaDB metrics ${why}`);
    },
    async growth(series, action) {
      const before = await scrape();
      await action();
      const after = await scrape();
      return series.map((s) => sumOf(after, s) - sumOf(before, s));
    },
  };
}
