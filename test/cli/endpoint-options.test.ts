// Endpoint-target options that mean nothing for the API profile given are usage errors (exit 2), not silently kept:
// issue 13, `--authorization disabled` was accepted with `--api-profile dynamodb`.
import { describe, it, expect } from 'vitest';
import { createEndpointTarget } from '../../harness/targets/endpoint/endpoint-target.ts';
import { ConfigError } from '../../harness/util/errors.ts';
import { runCli } from '../helpers/cli.ts';

const base = { url: 'http://127.0.0.1:9', accessKeyId: 'k', secretAccessKey: 's' };

describe('Alternator-only endpoint options with --api-profile dynamodb', () => {
  it('disabled is a usage error naming the flag and the fix', () => {
    const make = () => createEndpointTarget({ ...base, apiProfile: 'dynamodb', authorization: 'disabled' });
    expect(make).toThrow(ConfigError);
    expect(make).toThrow(/--authorization.*api-profile dynamodb.*fix: drop --authorization disabled/s);
  });

  it('--write-isolation is a usage error too: it is an Alternator setting', () => {
    const make = () => createEndpointTarget({ ...base, apiProfile: 'dynamodb', writeIsolation: 'forbid_rmw' });
    expect(make).toThrow(ConfigError);
    expect(make).toThrow(/--write-isolation.*api-profile dynamodb.*fix: drop --write-isolation/s);
    expect(createEndpointTarget({ ...base, apiProfile: 'alternator', writeIsolation: 'forbid_rmw' }).variantsOverride![0]!.alternator.writeIsolation).toBe('forbid_rmw');
  });

  it('enforced (what DynamoDB does) and disabled on Alternator are accepted', () => {
    expect(createEndpointTarget({ ...base, apiProfile: 'dynamodb', authorization: 'enforced' }).variantsOverride![0]!.alternator.insecureDisableAuthorization).toBe(false);
    expect(createEndpointTarget({ ...base, apiProfile: 'alternator', authorization: 'disabled' }).variantsOverride![0]!.alternator.insecureDisableAuthorization).toBe(true);
  });

  it('the CLI exits 2 and starts nothing', async () => {
    const r = await runCli(['run', '--target', 'endpoint', '--endpoint', base.url, '--api-profile', 'dynamodb', '--authorization', 'disabled', '--suite', 'api/smoke', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--authorization/);
    expect(r.stderr).toMatch(/fix: /);
    expect(r.stdout).not.toMatch(/deploying/);
  });
});
