// The fields of the endpoint contract that every target fills the same way, from the variant and the run.
import { join } from 'node:path';
import { promisesOf, type Variant } from '../variant/model.ts';
import type { RunContext } from '../targets/target.ts';
import type { Endpoint } from './contract.ts';
import { tablePrefixFor } from './table-prefix.ts';

type TargetSpecific = Pick<Endpoint, 'target' | 'apiProfile' | 'dataPlane' | 'datacenters' | 'versionsSource'> &
  Partial<Pick<Endpoint, 'region' | 'datacenterSharing' | 'emulatedBy' | 'servedBy' | 'ttlScanPeriodSeconds' | 'streamsIncreasedCompatibility' | 'experimentalFeatures' | 'undeclared'>>;

export function buildEndpoint(variant: Variant, ctx: Pick<RunContext, 'runId' | 'reportsDir' | 'failOnLiftedLimitation' | 'failOnDocumentationDiffers' | 'sharedTables'>, specific: TargetSpecific): Endpoint {
  return {
    runId: ctx.runId,
    variant,
    promises: promisesOf(variant),
    versions: variant.versions,
    tablePrefix: tablePrefixFor(ctx.runId, variant.name),
    // Alternator takes the signing region from each request; DynamoDB endpoints may say otherwise.
    region: 'us-east-1',
    artifactsDir: join(ctx.reportsDir, ctx.runId, 'artifacts', variant.name),
    failOnLiftedLimitation: ctx.failOnLiftedLimitation,
    ...(ctx.failOnDocumentationDiffers ? { failOnDocumentationDiffers: true } : {}),
    ...(ctx.sharedTables === false ? { sharedTables: false } : {}),
    ...specific,
  };
}
