// The operator's Alternator page as something to run: its sections (each docs case names the one it encodes), its
// kubectl steps (Step 1 the Service address, Step 3 the secret, Step 4 the CA bundle) where a Kubernetes target
// says how to reach the cluster and kubectl is on PATH, and the environment its "Connect with AWS CLI" section
// builds for the real `aws`. Nothing here disables TLS verification: where the page's URL host is not the address
// reachable from here (a forwarded port), the CLI goes through a CONNECT tunnel and still verifies the name in its URL.
import type { DatacenterEndpoint, OperatorPageAccess } from '../endpoint/contract.ts';
import { AwsCliSession, type AwsCli, type AwsCliRun, type PageVariables, type RunAwsOptions } from '../client/aws-cli.ts';
import { startConnectTunnel, type ConnectTunnel } from '../client/connect-tunnel.ts';
import { handshake } from '../tls/probe.ts';
import { runProgram } from '../util/program.ts';
import { servesNoTls, tlsTargetOf } from './tls.ts';
import { freeLoopbackPort } from '../targets/local/loopback.ts';
import { differenceById } from '../differences/registry.ts';
import { formatReference } from '../differences/references.ts';
import type { DocumentationDifference } from './index.ts';

/** The page every docs case encodes: scylladb/scylla-operator, docs/source/connect-your-app/alternator.md. */
export const OPERATOR_PAGE = {
  repository: 'scylladb/scylla-operator',
  path: 'docs/source/connect-your-app/alternator.md',
  /** Read at these revisions; HEAD only turned its tables into list-tables, the claims are the same. */
  revisions: 'v1.21.1, HEAD of 2026-12',
  url: 'https://github.com/scylladb/scylla-operator/blob/v1.21.1/docs/source/connect-your-app/alternator.md',
} as const;

export type PageSection = 'Enable Alternator' | 'Configuration options' | 'Obtain credentials' | 'Connect with AWS CLI' | 'TLS certificate resources' | 'Troubleshoot';

/** "the operator's Alternator page § <section>" with where it was read, for reasons and documentation differences. */
export const pageSection = (s: PageSection): string => `the operator's Alternator page § ${s} (${OPERATOR_PAGE.repository} ${OPERATOR_PAGE.path} @ ${OPERATOR_PAGE.revisions})`;

/** The page's create-table command, with a per-run table name in place of SeaMonsters. */
export function seaMonstersCreateTable(tableName: string): string[] {
  return [
    'dynamodb', 'create-table',
    '--table-name', tableName,
    '--attribute-definitions', 'AttributeName=Species,AttributeType=S', 'AttributeName=MonsterName,AttributeType=S',
    '--key-schema', 'AttributeName=Species,KeyType=HASH', 'AttributeName=MonsterName,KeyType=RANGE',
    '--provisioned-throughput', 'ReadCapacityUnits=5,WriteCapacityUnits=5',
  ];
}

/** The page's kubectl commands for one ScyllaCluster, run without a shell (its `sed` pipeline is done here). */
export class KubectlSteps {
  /** Every command run, as typed (the password is only ever on stdin). */
  readonly commands: string[] = [];
  constructor(
    private readonly kubectl: string,
    readonly access: OperatorPageAccess,
  ) {}

  private async run(args: string[], stdin?: string): Promise<string> {
    // The page's commands use the current namespace of the current context; here both are named explicitly.
    const full = ['--kubeconfig', this.access.kubeconfigFile, ...(this.access.context ? ['--context', this.access.context] : []), '--namespace', this.access.namespace, ...args];
    this.commands.push(`kubectl ${full.join(' ')}`);
    const r = await runProgram(this.kubectl, full, { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, ...(stdin !== undefined ? { stdin } : {}), timeoutMs: 120_000 });
    if (r.code !== 0) throw new Error(`\`kubectl ${args.slice(0, 2).join(' ')} …\` failed (exit ${r.code}): ${r.stderr.trim().split('\n').slice(-2).join(' ')}`);
    return r.stdout;
  }

  /** Step 1: `kubectl get service/${CLUSTER_NAME}-client -o='jsonpath={.spec.clusterIP}'`. */
  async serviceAddress(): Promise<string> {
    return (await this.run(['get', `service/${this.access.clusterName}-client`, '-o=jsonpath={.spec.clusterIP}'])).trim();
  }

  /** The client Service's ports ("HTTPS on port 8043"; not a page step, the claim of its Enable Alternator section). */
  async servicePorts(): Promise<number[]> {
    const out = await this.run(['get', `service/${this.access.clusterName}-client`, '-o=jsonpath={.spec.ports[*].port}']);
    return out.trim().split(/\s+/).filter(Boolean).map(Number);
  }

  /**
   * Step 3: `kubectl exec -i service/${CLUSTER_NAME}-client -c scylla -- cqlsh --user ${CQL_USER} --no-color -e "SELECT
   * salted_hash from system.roles WHERE role = '${AWS_ACCESS_KEY_ID}';" | sed -e 's/\r//g' | sed -e '4q;d' | sed -E -e
   * 's/^\s+//'`. cqlsh asks for the password (on stderr, reading stdin: no terminal), as it would ask the user.
   */
  async secretAccessKey(): Promise<string> {
    const user = this.access.cqlUser;
    const out = await this.run(
      ['exec', '-i', `service/${this.access.clusterName}-client`, '-c', 'scylla', '--', 'cqlsh', '--user', user, '--no-color', '-e', `SELECT salted_hash from system.roles WHERE role = '${user}';`],
      `${this.access.cqlPassword}\n`,
    );
    return (out.replace(/\r/g, '').split('\n')[3] ?? '').replace(/^\s+/, '');
  }

  /** Step 4: `kubectl get configmap/${CLUSTER_NAME}-alternator-local-serving-ca --template='{{ index .data "ca-bundle.crt" }}'`. */
  async caBundle(): Promise<string> {
    return this.run(['get', `configmap/${this.access.clusterName}-alternator-local-serving-ca`, '--template={{ index .data "ca-bundle.crt" }}']);
  }
}

/** The page's "Connect with AWS CLI" environment for one datacenter, and the real CLI to run with it. */
export interface PageSession {
  cli: AwsCliSession;
  /** Steps 1-4 (plus AWS_DEFAULT_REGION, which the page does not set: see its own case). */
  variables: PageVariables;
  /** Where each value came from, for the report. */
  provenance: string[];
  /** The client Service's ports, where the page's kubectl steps ran. */
  servicePorts?: number[];
  /** Where a step of the page does not hold for this deployment (reported by the Steps 1-4 case); the steps went on. */
  differences: DocumentationDifference[];
  /** Set when the page's URL is reached through a tunnel to a forwarded port. */
  tunnel?: ConnectTunnel;
  /** Runs `aws` with the page's variables, some replaced (`undefined` removes one). */
  run(args: readonly string[], over?: { [K in keyof PageVariables]?: string | undefined }, o?: RunAwsOptions): Promise<AwsCliRun>;
  close(): Promise<void>;
}

export interface OpenPageSessionOptions {
  cli: AwsCli;
  region: string;
  /** kubectl on PATH, when found. */
  kubectl?: string;
  /** The variant's serving certificate: with UserManaged the operator publishes no CA ConfigMap for Step 4. */
  certificate?: 'OperatorManaged' | 'UserManaged';
}

/** The difference Step 4 meets on a UserManaged certificate (harness/differences/operator.ts). */
const STEP4_USER_MANAGED = 'operator-alternator-serving-ca-operator-managed-only';

/**
 * Step 4 of the page on a UserManaged certificate: v1.21.1 (and every release since v1.12.0) makes
 * `<cluster>-alternator-local-serving-ca` only for OperatorManaged, so kubectl answers NotFound. That is the
 * documentation differing, not a failure: the user holds the CA that signed their certificate, and the steps go on
 * with it. Any other kubectl failure, or a NotFound on OperatorManaged, stays an error.
 */
function step4OnUserManaged(e: unknown, certificate: OpenPageSessionOptions['certificate']): DocumentationDifference | undefined {
  const message = e instanceof Error ? e.message : String(e);
  if (certificate !== 'UserManaged' || !/NotFound|not found/.test(message)) return undefined;
  const d = differenceById(STEP4_USER_MANAGED);
  return {
    page: pageSection('Connect with AWS CLI'),
    documented: 'Step 4 downloads the TLS CA bundle with `kubectl get configmap/${CLUSTER_NAME}-alternator-local-serving-ca` (the page assumes an OperatorManaged certificate)',
    observed: `with servingCertificate.type UserManaged: ${message}; the steps went on with the CA that signed the user's certificate [${d.id}: ${d.references.map(formatReference).join('; ')}]`,
  };
}

const hostOf = (url: string) => new URL(url).hostname.replace(/^\[|\]$/g, '');
const portOf = (url: string) => Number(new URL(url).port || (url.startsWith('https:') ? 443 : 80));
/** "host:port" as a client's CONNECT request names it (the port always written). */
const authorityOf = (url: string) => `${new URL(url).hostname}:${portOf(url)}`;

export async function openPageSession(dc: DatacenterEndpoint, o: OpenPageSessionOptions): Promise<PageSession> {
  const cli = new AwsCliSession(o.cli);
  const provenance: string[] = [`AWS CLI: ${o.cli.versionLine} (${o.cli.path})`];
  let tunnel: ConnectTunnel | undefined;
  try {
    const steps = dc.operatorPage && o.kubectl ? new KubectlSteps(o.kubectl, dc.operatorPage) : undefined;
    let pageHost: string | undefined;
    let secret = dc.credentials?.secretAccessKey;
    let caPem = dc.caBundlePem;
    let servicePorts: number[] | undefined;
    const differences: DocumentationDifference[] = [];
    if (steps) {
      pageHost = await steps.serviceAddress();
      servicePorts = await steps.servicePorts();
      secret = await steps.secretAccessKey();
      try {
        caPem = await steps.caBundle();
      } catch (e) {
        const differs = step4OnUserManaged(e, o.certificate);
        if (!differs) throw e;
        differences.push(differs);
        provenance.push("Step 4: no CA ConfigMap for a UserManaged certificate; AWS_CA_BUNDLE is the user's CA (the one the run signed the certificate with)");
      }
      provenance.push(`Steps 1, 3, 4 ran with kubectl (${steps.commands.length} commands, namespace ${dc.operatorPage!.namespace})`);
    } else if (dc.operatorPage) {
      provenance.push('kubectl is not on PATH: credentials and CA bundle as the target read them (the same cqlsh query and ConfigMap, over the Kubernetes API)');
    } else {
      provenance.push("no kubectl steps for this target: credentials and CA bundle from the endpoint contract (what the deployment publishes)");
    }
    const forwarded = { host: hostOf(dc.httpsUrl), port: portOf(dc.httpsUrl) };
    let url = dc.httpsUrl;
    if (dc.operatorPage) {
      // The page's Step 1 URL: https://<Service clusterIP>:8043, reached here through the forwarded port.
      const host = pageHost ?? dc.clientNames.ipAddresses[0] ?? dc.tlsServerName ?? forwarded.host;
      url = `https://${host.includes(':') ? `[${host}]` : host}:${dc.operatorPage.httpsPort}`;
    } else if (!servesNoTls(dc) && dc.tlsServerName && dc.tlsServerName !== forwarded.host) {
      // The CLI verifies the certificate against its URL's host: keep the forwarded address when the certificate names
      // it (the local target's covers 127.0.0.1), otherwise name the host the certificate is for.
      const probe = await handshake(tlsTargetOf(dc, caPem, forwarded.host), { timeoutMs: 10_000 });
      if (!(probe.outcome === 'connected' && probe.verified)) url = `https://${dc.tlsServerName}:${forwarded.port}`;
    }
    if (hostOf(url) !== forwarded.host || portOf(url) !== forwarded.port) {
      tunnel = await startConnectTunnel([{ from: authorityOf(url), to: forwarded }]);
      provenance.push(`${url} is reached through a CONNECT tunnel to ${forwarded.host}:${forwarded.port} (HTTPS_PROXY; TLS end to end, the CLI verifies ${hostOf(url)})`);
    }
    const variables: PageVariables = {
      AWS_ENDPOINT_URL_DYNAMODB: url,
      ...(dc.credentials ? { AWS_ACCESS_KEY_ID: dc.operatorPage?.cqlUser ?? dc.credentials.accessKeyId } : {}),
      ...(secret ? { AWS_SECRET_ACCESS_KEY: secret } : {}),
      ...(caPem ? { AWS_CA_BUNDLE: cli.file('ca-bundle.crt', caPem) } : {}),
      AWS_DEFAULT_REGION: o.region,
    };
    if (!o.cli.readsEndpointVariables)
      provenance.push(`${o.cli.versionLine.split(' ')[0]} predates service endpoint variables (AWS CLI 2.13 / 1.29): AWS_ENDPOINT_URL_DYNAMODB is also passed as --endpoint-url`);
    const routed = tunnel ? authorityOf(url) : undefined;
    return {
      cli,
      variables,
      provenance,
      differences,
      ...(servicePorts ? { servicePorts } : {}),
      ...(tunnel ? { tunnel } : {}),
      run(args, over = {}, runOptions = {}) {
        const page: PageVariables = { ...variables };
        for (const [k, v] of Object.entries(over) as Array<[keyof PageVariables, string | undefined]>) {
          if (v === undefined) delete page[k];
          else page[k] = v;
        }
        const viaTunnel = tunnel && page.AWS_ENDPOINT_URL_DYNAMODB.startsWith('https:') && authorityOf(page.AWS_ENDPOINT_URL_DYNAMODB) === routed;
        return cli.run(args, page, { ...runOptions, ...(viaTunnel ? { httpsProxy: tunnel!.proxyUrl } : {}) });
      },
      async close() {
        await tunnel?.close();
        cli.close();
      },
    };
  } catch (e) {
    await tunnel?.close();
    cli.close();
    throw e;
  }
}

/** A URL on 127.0.0.1 where nothing listens (the page's "Could not connect to the endpoint"). */
export async function closedLoopbackUrl(scheme: 'http' | 'https'): Promise<string> {
  return `${scheme}://127.0.0.1:${await freeLoopbackPort()}`;
}
