// The load phase of a run: the profile's workloads against every deployed variant, one after the other (so
// variants do not compete for the same machine), then reports, and the comparison with a baseline.
import type { Deployment } from '../targets/target.ts';
import type { LoadPhase } from '../variant/profile.ts';
import type { Progress } from '../util/progress.ts';
import type { LoadReport } from '../load/report-schema.ts';
import { runLoad } from '../load/run-load.ts';
import { loadOptionsFromPhase, type LoadOptions } from '../load/options.ts';
import { compareWithBaseline, type BaselineComparison, type RegressionThresholds } from '../load/baseline.ts';
import { loadSummariesFrom, type LoadSummary } from '../report/summary-page.ts';

export interface LoadRequest {
  phase: LoadPhase;
  baseline?: string;
  failOnRegression?: boolean;
  thresholds?: Partial<RegressionThresholds>;
  over?: Partial<LoadOptions>;
  /** `--workers N`: run each workload as Kubernetes Jobs of N pods (deployments that offer `loadCluster`). */
  workers?: number;
}

export interface LoadOutcome {
  reports: LoadReport[];
  errors: string[];
  comparison?: BaselineComparison;
}

export async function runLoadPhase(req: LoadRequest, deployments: readonly Deployment[], progress: Progress, signal: AbortSignal): Promise<LoadOutcome> {
  const out: LoadOutcome = { reports: [], errors: [] };
  for (const d of deployments) {
    // The profile's representative variants (load.variants), when it names them.
    if (req.phase.variants && !req.phase.variants.includes(d.endpoint.variant.name)) continue;
    for (const [i, o] of loadOptionsFromPhase(req.phase, d.endpoint, { progress, signal, ...req.over }).entries()) {
      if (signal.aborted) return out;
      const t0 = Date.now();
      progress.step(`load ${o.workload} on ${d.endpoint.variant.name} (${req.phase.durationSeconds} s, ${req.phase.concurrency} lanes)`);
      try {
        out.reports.push(await runLoad(req.workers ? { ...o, cluster: await clusterFor(d, o, req.workers, i) } : o));
        progress.done(`load ${o.workload} on ${d.endpoint.variant.name}`, t0);
      } catch (e) {
        const msg = `load ${o.workload} on ${d.endpoint.variant.name}: ${e instanceof Error ? e.message : String(e)}`;
        out.errors.push(msg);
        progress.warn(msg);
      }
    }
  }
  return out;
}

async function clusterFor(d: Deployment, o: LoadOptions, workers: number, index: number) {
  if (!d.loadCluster) throw new Error(`--workers: target ${d.endpoint.target} cannot run load workers in a cluster (kind and kubeconfig can)`);
  const datacenter = o.datacenter ?? d.endpoint.datacenters[0]?.datacenter ?? '';
  // Unique per workload and run: a Job's pod template cannot change, so an earlier Job of that name would refuse the apply.
  return d.loadCluster({ workers, datacenter, name: `load-${o.workload}-${index}-${d.endpoint.runId}` });
}

/** Joins the load outcomes of the run's batches and compares the whole with the baseline. */
export function mergeLoadOutcomes(parts: readonly LoadOutcome[], req: LoadRequest): LoadOutcome {
  const out: LoadOutcome = { reports: parts.flatMap((p) => p.reports), errors: parts.flatMap((p) => p.errors) };
  if (req.baseline && out.reports.length) out.comparison = compareWithBaseline(out.reports, req.baseline, req.thresholds);
  return out;
}

export function loadSummaries(o: LoadOutcome): LoadSummary[] {
  const verdicts: Record<string, Pick<LoadSummary, 'verdict' | 'note'>> = {};
  for (const r of o.reports) verdicts[`${r.variant.name}/${r.workload}`] = { verdict: o.comparison ? 'ok' : 'no-baseline' };
  for (const row of o.comparison?.regressions ?? []) verdicts[`${row.variant}/${row.workload}`] = { verdict: 'regression', note: row.reasons.join('; ') };
  return loadSummariesFrom(o.reports, { verdicts, href: () => 'load.html' });
}
