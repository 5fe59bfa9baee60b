// AWS DynamoDB Local as the deployment: an independent DynamoDB implementation nobody in this project wrote, so the
// suites' DynamoDB expectations meet a real one. Like the endpoint target it is one given deployment (one variant);
// the API profile is `dynamodb`, the data plane `dynamodb-local`, and nothing of ScyllaDB or the operator runs, so
// the variant's versions describe nothing measured (versionsSource 'not-run'; `servedBy` says what served).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { buildEndpoint } from '../../endpoint/build.ts';
import type { Target, Deployment, RunContext, PlanStep } from '../target.ts';
import { Variant } from '../../variant/model.ts';
import { ProvisionError } from '../../util/errors.ts';
import { DISTRIBUTION, MIN_JAVA_MAJOR, dynamodbLocalChecks, emulatorDir, javaCommand } from './distribution.ts';
import { DynamoDbLocalProcess } from './dynamodb-local-process.ts';

export interface DynamoDbLocalTargetOptions {
  /** The unpacked emulator/ directory (default: where `npm run dynamodb-local:install` puts it). */
  dir?: string;
  env?: NodeJS.ProcessEnv;
}

export const SERVED_BY = `AWS DynamoDB Local ${DISTRIBUTION.dynamodbLocalVersion} (npm ${DISTRIBUTION.package}@${DISTRIBUTION.version}), in memory; no ScyllaDB or operator ran`;

/**
 * The one variant: what DynamoDB Local is. It serves plain HTTP only (so `insecureEnableHTTP`), and the variant's
 * ScyllaDB/operator versions are placeholders that no report presents as measured.
 */
export function dynamodbLocalVariant(): Variant {
  return Variant.parse({
    name: 'dynamodb-local',
    alternator: { insecureEnableHTTP: true },
    topology: { datacenters: [{ name: 'dc1', members: 1 }] },
    versions: { scylla: '0.0.0', operator: 'v0.0.0' },
  });
}

export function createDynamoDbLocalTarget(o: DynamoDbLocalTargetOptions = {}): Target {
  const dir = o.dir ?? emulatorDir();
  const java = javaCommand(o.env);
  return {
    name: 'dynamodb-local',
    variantsOverride: [dynamodbLocalVariant()],
    supports: () => ({ ok: true }),
    async plan(): Promise<PlanStep[]> {
      return [
        { step: 'check java and the jar', detail: `Java ${MIN_JAVA_MAJOR}+ (${java}) and DynamoDB Local ${DISTRIBUTION.dynamodbLocalVersion} in ${dir}` },
        { step: 'start DynamoDB Local', detail: DynamoDbLocalProcess.commandLine(java, dir, '<free port>').join(' ') },
        { step: 'stop DynamoDB Local', detail: 'at the end of the run, on Ctrl-C, and when this process exits' },
      ];
    },
    async setUp(): Promise<void> {
      const missing = (await dynamodbLocalChecks({ env: o.env, dir })).filter((c) => !c.ok);
      if (missing.length) throw new ProvisionError(missing.map((c) => `${c.name}: ${c.detail}; fix: ${c.fix}`).join('\n'), 'dynamodb-local prerequisites');
    },
    async deploy(v: Variant, ctx: RunContext): Promise<Deployment> {
      // DynamoDB Local refuses access key ids with other characters than letters and digits (UnrecognizedClientException).
      const credentials = { accessKeyId: 'alternatore2e', secretAccessKey: randomBytes(16).toString('hex') };
      const server = await new DynamoDbLocalProcess({
        java,
        dir,
        logFile: join(ctx.reportsDir, ctx.runId, 'artifacts', v.name, 'dynamodb-local.log'),
        credentials,
        signal: ctx.signal,
      }).start();
      const endpoint = buildEndpoint(v, ctx, {
        target: 'dynamodb-local',
        apiProfile: 'dynamodb',
        dataPlane: 'dynamodb-local',
        versionsSource: 'not-run',
        servedBy: SERVED_BY,
        datacenters: [
          {
            datacenter: 'dc1',
            // DynamoDB Local serves no TLS: its one URL is plain HTTP (TLS suites are not applicable: suite-kit/tls.ts).
            httpsUrl: server.url,
            httpUrl: server.url,
            caBundlePem: '',
            credentials,
            clientNames: { dnsNames: [], ipAddresses: ['127.0.0.1'] },
          },
        ],
      });
      return { endpoint, stop: () => server.stop() };
    },
  };
}
