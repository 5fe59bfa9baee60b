// The ScyllaDB version of an endpoint, where the endpoint exposes it: every node's Prometheus endpoint carries the
// gauge `scylla_scylladb_current_version{version="<version>-<release>"}` (scylladb/scylladb main.cc, the "scylladb"
// metrics group: sm::make_gauge("current_version", …, sm::label_instance("version", scylla_version()), …), present in
// every release since 2017 (commit f2e4629254, in every scylla-2025.1.0+ tag); scylla_version() is release.cc's
// "<SCYLLA_VERSION>-<SCYLLA_RELEASE>", e.g. "2026.2.4-0.20260810.0123456789ab", a candidate "2026.2.0~rc1-0.…").
import { ConfigError, ProvisionError } from '../../util/errors.ts';

export const VERSION_GAUGE = 'scylla_scylladb_current_version';

/** "2026.2.4-0.20260810.abc" → "2026.2.4"; "2026.2.0~rc1-0.2026…" → "2026.2.0-rc1"; undefined when not a version. */
export function scyllaVersionOf(label: string): string | undefined {
  const m = /^(\d+\.\d+(?:\.\d+)?)(?:~([\w.]+))?(?:-|$)/.exec(label);
  if (!m) return undefined;
  return m[2] ? `${m[1]}-${m[2]}` : m[1];
}

/** The version label of the gauge in a Prometheus text exposition, if the gauge is there. */
export function versionLabelIn(prometheusText: string): string | undefined {
  for (const line of prometheusText.split('\n')) {
    if (!line.startsWith(`${VERSION_GAUGE}{`)) continue;
    const m = /[{,]version="((?:[^"\\]|\\.)*)"/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

export interface ObservedVersion {
  version: string;
  /** Where it was read, for the plan and the report. */
  from: string;
}

/**
 * Reads the version every given node reports. Nodes reporting different versions (a rolling upgrade) cannot be
 * described by one version: the user must say which one the run should follow.
 */
export async function readScyllaVersion(metricsUrls: readonly string[], timeoutMs = 10_000): Promise<ObservedVersion> {
  const seen = new Map<string, string>();
  for (const url of metricsUrls) {
    let text: string;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      text = await res.text();
    } catch (e) {
      throw new ProvisionError(`the ScyllaDB version could not be read from ${url}: ${e instanceof Error ? e.message : String(e)}; fix the metrics URL, or give --scylla-version`, 'endpoint version');
    }
    const label = versionLabelIn(text);
    const version = label === undefined ? undefined : scyllaVersionOf(label);
    if (version === undefined)
      throw new ConfigError(
        label === undefined ? `${url} exposes no ${VERSION_GAUGE} gauge, so the endpoint's ScyllaDB version is unknown` : `${url}: ${VERSION_GAUGE} has version="${label}", not a ScyllaDB version`,
        { field: '--scylla-version', fix: 'give the version behind the endpoint, e.g. --scylla-version 2025.4.1' },
      );
    seen.set(version, seen.get(version) ?? url);
  }
  if (seen.size === 0) throw new ConfigError('no metrics URL to read the ScyllaDB version from', { field: '--scylla-version', fix: 'give --scylla-version, or --metrics-url of every node' });
  if (seen.size > 1)
    throw new ConfigError(`the nodes report different ScyllaDB versions (${[...seen].map(([v, u]) => `${v} at ${u}`).join(', ')})`, {
      field: '--scylla-version',
      fix: 'give the version the run should follow with --scylla-version',
    });
  const [version, from] = [...seen][0]!;
  return { version, from: `${from} (${VERSION_GAUGE})` };
}
