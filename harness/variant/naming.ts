// Names the operator gives to what it creates for a ScyllaCluster (scylla-operator pkg/naming), and the
// namespaces this harness uses. Shared by every target so local names match what kind deploys.
import type { Variant } from './model.ts';

export const clusterName = (v: Variant): string => v.name;
/** One namespace per variant, and per datacenter when there are several (same cluster name in each). */
export const namespaceFor = (v: Variant, dc: string): string =>
  v.topology.datacenters.length > 1 ? `e2e-${v.name}-${dc}`.slice(0, 63) : `e2e-${v.name}`.slice(0, 63);
export const clientServiceName = (sc: string): string => `${sc}-client`;
export const clientServiceDNS = (sc: string, ns: string): string => `${clientServiceName(sc)}.${ns}.svc`;
export const memberServiceName = (sc: string, dc: string, rack: string, ordinal: number): string => `${sc}-${dc}-${rack}-${ordinal}`;
export const alternatorCAConfigMapName = (sc: string): string => `${sc}-alternator-local-serving-ca`;
export const alternatorServingCertSecretName = (sc: string): string => `${sc}-alternator-local-serving-certs`;
export const CA_BUNDLE_KEY = 'ca-bundle.crt';
export const DEFAULT_RACK = 'a';
export const ALTERNATOR_HTTPS_PORT = 8043;
export const ALTERNATOR_HTTP_PORT = 8000;
