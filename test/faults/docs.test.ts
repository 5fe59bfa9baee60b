// The docs family can fail: through the real AWS CLI, a deviation of the local target fails exactly the page's
// claims it breaks (skipped where no `aws` is on PATH: those cases are then skipped too).
import { describe, expect, it } from 'vitest';
import { runSuites, expectFailed } from '../helpers/faults.ts';
import { findAwsCli } from '../../harness/client/aws-cli.ts';

const hasAws = !('missing' in (await findAwsCli()));
const SUITE = 'docs/operator-alternator-page';
const page = (name: string) => `defaults ${SUITE} › the operator's Alternator page, with the real AWS CLI > ${name}`;

describe.runIf(hasAws)('faults caught by suites/docs (real AWS CLI)', () => {
  it('accept-bad-signature: authorization is no longer enforced, as the page says it is by default', { timeout: 600_000 }, async () => {
    const failed = expectFailed(await runSuites(['docs'], { fault: 'accept-bad-signature' }), [
      page('Enable Alternator: HTTPS with authorization enforced unless insecureDisableAuthorization (the default), on port 8043 where the operator deploys it'),
      page('Troubleshoot: wrong credentials give AccessDeniedException ("Alternator is reachable but credentials are wrong")'),
    ]);
    expect(failed).toHaveLength(2);
  });

  it('http-open: plain HTTP answers although insecureEnableHTTP is off', { timeout: 600_000 }, async () => {
    const failed = expectFailed(await runSuites(['docs'], { fault: 'http-open' }), [page('Configuration options: plain HTTP is served only when insecureEnableHTTP')]);
    expect(failed).toHaveLength(1);
  });
});
