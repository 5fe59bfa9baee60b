// Loaded by every suite project (vitest setupFiles, harness/run/vitest-runner.ts): each test case runs with its own
// evidence ring (harness/client/evidence.ts); a failed case's ring goes to the report through the task's meta, a
// passing case's is dropped with it.
import { aroundEach, inject } from 'vitest';
import { PROVIDE_KEY, endpointSecrets } from '../endpoint/contract.ts';
import { EvidenceRing, caseEvidence, resetFileRecord, withEvidence, type CaseEvidence } from '../client/evidence.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** Set on failed cases only. */
    evidence?: CaseEvidence;
  }
}

resetFileRecord();
const e = inject(PROVIDE_KEY);
const secrets = e ? endpointSecrets(e) : [];

aroundEach(async (runTest, ctx) => {
  const ring = new EvidenceRing(secrets);
  try {
    await withEvidence(ring, runTest);
  } finally {
    if (ctx.task.result?.state === 'fail') ctx.task.meta.evidence = caseEvidence(ring);
  }
});
