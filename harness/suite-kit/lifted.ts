// Lifted means checked: where an operation documented as unimplemented answers after all, the cases of the feature it
// belongs to run, and their verdicts count like any other (an implementation in progress, or a broken one, is checked,
// not skipped). A suite file asks for the observation with observeLiftedLimitations(...features): before its tests it
// sends each documented difference's probe (Difference.liftProbe) to the deployment; requireFeature and offers then
// leave out the differences observed lifted. The observation belongs to the file that made it (suite files share
// worker processes), so no file depends on another one having run.
import { beforeAll, expect, inject } from 'vitest';
import { PROVIDE_KEY } from '../endpoint/contract.ts';
import { DynamoClient, parseErrorBody } from '../client/dynamo-client.ts';
import { differencesFor, type Feature } from '../differences/registry.ts';

/** Suite file → difference id → what was observed. */
const observations = new Map<string, Map<string, string>>();

const currentFile = () => expect.getState().testPath ?? '';

/** The differences observed lifted by the running file's probes, with what was observed. */
export function liftedDifferences(): ReadonlyMap<string, string> {
  return observations.get(currentFile()) ?? new Map();
}

/**
 * Before the file's tests, probes every documented difference that takes one of `features` away and has a probe.
 * Lifted: HTTP 200, or ResourceNotFoundException for the missing table the probe names (the operation exists). Any
 * other answer (UnknownOperationException, an error of the server) keeps the difference: suites/limitations reports it.
 */
export function observeLiftedLimitations(...features: Feature[]): void {
  beforeAll(async () => {
    const e = inject(PROVIDE_KEY);
    const seen = new Map<string, string>();
    const probed = differencesFor(e).filter((d) => d.liftProbe && d.removes.some((f) => features.includes(f)));
    if (probed.length) {
      const c = DynamoClient.forDatacenter(e.datacenters[0]!, e.region);
      try {
        for (const d of probed) {
          const { operation, request } = d.liftProbe!;
          const r = await c.raw(operation, request(`${e.tablePrefix}lift_probe_missing`));
          const error = r.status === 200 ? undefined : parseErrorBody(r.status, r.text);
          if (error === undefined || (r.status === 400 && error.type === 'ResourceNotFoundException'))
            seen.set(d.id, `${operation} answered ${error ? `${error.type} for a missing table` : 'HTTP 200'}`);
        }
      } finally {
        c.close();
      }
    }
    observations.set(currentFile(), seen);
  });
}
