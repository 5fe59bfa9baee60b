// How suites read what a Kubernetes target observed of the operator (Endpoint.operatorObservations) as outcomes
// of documented limitations: reproduced, lifted, or not observed (said why).
import type { SecretNameObservation } from './contract.ts';

/** The limitation, its upstream issue and the code that shows it, for the report. */
export const USER_MANAGED_SECRET_NAME_LIMITATION =
  'scylladb/scylla-operator#2248: spec.alternator.servingCertificate.userManagedOptions.secretName is ignored; pods always mount Secret <cluster>-alternator-local-serving-certs (pkg/controller/scylladbdatacenter/resource.go StatefulSetForRack, operator v1.21.1 and HEAD)';

export type LimitationReading = { notObserved: string } | { reproduced: boolean; lifted: boolean; observed: string };

export function secretNameOutcome(o: SecretNameObservation): LimitationReading {
  if (o.mounted === undefined) return { notObserved: `could not observe which Secret the operator mounts: ${o.problem ?? 'no observation'}` };
  const observed = `asked for Secret ${o.requested}, the operator mounts ${o.mounted} (${o.source})`;
  return { reproduced: o.mounted === o.defaultName, lifted: o.mounted === o.requested, observed };
}
