// Documented limitations of Alternator as the ScyllaDB Operator deploys it, observed by the Kubernetes targets
// (Endpoint.operatorObservations): reproduced (pass), lifted (reported; fails with --fail-on-lifted), else a failure.
import { describe, it } from 'vitest';
import { endpoint, limitation, requirePromise } from '../../harness/suite-kit/index.ts';
import { secretNameOutcome, USER_MANAGED_SECRET_NAME_LIMITATION } from '../../harness/endpoint/operator-observations.ts';

describe('limitations: the ScyllaDB Operator', () => {
  const e = endpoint();

  it('UserManaged certificate: the operator mounts its own Secret name, not userManagedOptions.secretName', (ctx) => {
    requirePromise(ctx, e.promises.certificate === 'UserManaged', 'the variant uses an OperatorManaged certificate');
    const o = e.operatorObservations?.userManagedSecretName;
    requirePromise(ctx, o !== undefined, `target ${e.target} does not deploy through the ScyllaDB Operator`);
    const reading = secretNameOutcome(o!);
    requirePromise(ctx, !('notObserved' in reading), 'notObserved' in reading ? reading.notObserved : '');
    if (!('notObserved' in reading)) limitation(ctx, USER_MANAGED_SECRET_NAME_LIMITATION, reading);
  });
});
