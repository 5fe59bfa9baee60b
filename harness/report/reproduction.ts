// A failed case replayed without the harness: a POSIX shell script that sends the case's recorded requests with the
// AWS CLI (curl where the CLI cannot express the request), against the endpoint a person configures the way the
// operator's page does (AWS_ENDPOINT_URL_DYNAMODB, AWS_CA_BUNDLE, keys from the environment), and the
// `alternator-e2e run` command that reruns only that case. Built from results alone; no secret is in the evidence,
// so none can be in the script.
import type { CaseResult, Reproduction, RunResult } from './results.ts';
import type { Exchange } from '../client/evidence.ts';
import { tablesNamed } from '../client/evidence.ts';
import { shellCommand, shellQuote } from '../util/shell.ts';
import { describeHarness } from '../util/harness-info.ts';

/** Headers the AWS CLI sends itself when it signs a JSON request: any other header needs curl. */
const CLI_HEADERS = new Set(['content-type', 'x-amz-target', 'x-amz-date', 'authorization', 'host', 'x-amz-content-sha256', 'content-length', 'x-amz-security-token']);
/** Headers curl computes or signs itself. */
const CURL_SKIPPED_HEADERS = new Set(['host', 'authorization', 'x-amz-date', 'x-amz-content-sha256', 'content-length']);
const JSON_1_0 = 'application/x-amz-json-1.0';
const SIGV4 = /^AWS4-HMAC-SHA256 Credential=([^/,]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

export function reproductionFile(variant: string, suite: string, name: string, index: number): string {
  const slug = name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'case';
  return `reproductions/${variant}/${suite.replace(/\//g, '-')}/${String(index).padStart(3, '0')}-${slug}.sh`;
}

/** The rerun of one case: the run's own command, narrowed to the case's variant, suite file and name. */
export function rerunCommand(run: Pick<RunResult, 'command' | 'profile' | 'target'>, variant: string, suite: string, name: string): string {
  const base = run.command ?? ['run', '--profile', run.profile, '--target', run.target];
  // A single endpoint (endpoint, dynamodb-local targets) is its one variant: --variant would be refused there.
  const variantFlag = ['endpoint', 'dynamodb-local'].includes(run.target) ? [] : ['--variant', variant];
  return shellCommand(['alternator-e2e', ...base, ...variantFlag, '--suite', suite, '--case', name]);
}

const operationOf = (e: Exchange) => e.request.headers['x-amz-target']?.split('.').pop();
const kebab = (op: string) => op.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const oneLine = (s: string, max = 300) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
};

/** Why the AWS CLI cannot send this request as recorded, or undefined when it can. */
function cliCannot(e: Exchange, body: unknown): string | undefined {
  const r = e.request;
  const path = new URL(r.url).pathname;
  if (r.method !== 'POST' || path !== '/') return `${r.method} ${path}`;
  const auth = r.headers.authorization;
  if (!auth) return 'the request was not signed';
  const m = SIGV4.exec(auth);
  if (!m) return 'its Authorization header is not a SigV4 signature';
  if (m[3] !== 'dynamodb') return `it was signed for service ${m[3]}`;
  if (r.headers['content-type'] !== JSON_1_0) return `Content-Type ${r.headers['content-type'] ?? '(none)'}`;
  const extra = Object.keys(r.headers).filter((h) => !CLI_HEADERS.has(h));
  if (extra.length) return `it carries header(s) the CLI does not send: ${extra.join(', ')}`;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'its body is not a JSON object';
  if (/"(?:B|BS)"\s*:/.test(r.body ?? '')) return 'it holds binary values (sent as base64 exactly as recorded)';
  if (/"(?:N|S)"\s*:\s*[^"\s[]/.test(r.body ?? '')) return 'it holds a number or string value that is not a JSON string';
  return undefined;
}

function curlStep(e: Exchange): string {
  const r = e.request;
  const path = new URL(r.url).pathname + new URL(r.url).search;
  const streams = r.headers['x-amz-target']?.startsWith('DynamoDBStreams_');
  const url = streams ? '"${AWS_ENDPOINT_URL_DYNAMODB_STREAMS:-$AWS_ENDPOINT_URL_DYNAMODB}"' : '"$AWS_ENDPOINT_URL_DYNAMODB"';
  const args = ['curl', '-sS', '-i', '-X', r.method].map(shellQuote).join(' ');
  const headers = Object.entries(r.headers)
    .filter(([k]) => !CURL_SKIPPED_HEADERS.has(k))
    .map(([k, v]) => `-H ${shellQuote(`${k}: ${v}`)}`);
  const m = r.headers.authorization ? SIGV4.exec(r.headers.authorization) : undefined;
  const sign = m ? [`--aws-sigv4 "aws:amz:\${AWS_DEFAULT_REGION}:${m[3]}"`, '--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"'] : [];
  const body = r.body !== undefined ? [`--data-binary ${shellQuote(r.body)}`] : [];
  return [args, '${AWS_CA_BUNDLE:+--cacert "$AWS_CA_BUNDLE"}', ...headers, ...sign, ...body, `${url}${path === '/' ? '' : shellQuote(path)}`].join(' \\\n  ');
}

function cliStep(e: Exchange): string {
  const op = operationOf(e)!;
  const streams = e.request.headers['x-amz-target']?.startsWith('DynamoDBStreams_');
  const service = streams ? 'dynamodbstreams' : 'dynamodb';
  const endpoint = streams ? ' --endpoint-url "${AWS_ENDPOINT_URL_DYNAMODB_STREAMS:-$AWS_ENDPOINT_URL_DYNAMODB}"' : '';
  // --no-paginate: the CLI would otherwise follow LastEvaluatedKey and send requests the case did not.
  return `aws ${service} ${kebab(op)} --no-paginate${endpoint} --cli-input-json ${shellQuote(e.request.body!)}`;
}

function describeAnswer(e: Exchange): string {
  if (!e.response) return `no answer (${e.error ?? 'the connection failed'})`;
  const cut = e.response.bodyTruncated ? ` [answer truncated: ${e.response.bodyTruncated.keptBytes} of ${e.response.bodyTruncated.totalBytes} bytes kept]` : '';
  return `HTTP ${e.response.status} ${oneLine(e.response.body)}${cut}`;
}

function step(e: Exchange, label: string, primaryKey: string | undefined): string[] {
  const op = operationOf(e) ?? `${e.request.method} ${new URL(e.request.url).pathname}`;
  const lines = [``, `echo ${shellQuote(`== ${label}: ${op}`)}`, `# the harness got: ${describeAnswer(e)}`];
  if (e.request.bodyTruncated) {
    lines.push(`# NOT REPLAYED: the request body was ${e.request.bodyTruncated.totalBytes} bytes, the evidence keeps the first ${e.request.bodyTruncated.keptBytes}`);
    return lines;
  }
  if (e.request.body?.includes('<redacted')) lines.push('# the body held a secret, written here as <redacted>: put the value back to send it exactly');
  const key = e.request.headers.authorization ? SIGV4.exec(e.request.headers.authorization)?.[1] : undefined;
  if (key && primaryKey && key !== primaryKey) lines.push(`# the harness signed this request as ${key}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to that role's keys to send it as it was`);
  let body: unknown;
  try {
    body = e.request.body !== undefined ? JSON.parse(e.request.body) : undefined;
  } catch {
    body = undefined;
  }
  const why = operationOf(e) ? cliCannot(e, body) : 'it is not a DynamoDB operation';
  if (why) lines.push(`# curl: the AWS CLI cannot send this request as recorded (${why})`);
  // 2>&1: the CLI prints errors on stderr; each step's answer reads in order, under its own heading.
  lines.push(`${why ? curlStep(e) : cliStep(e)} 2>&1`, 'echo "-> exit $?"');
  return lines;
}

/** The reproduction of a failed case that has evidence; undefined without evidence. */
export function buildReproduction(run: RunResult, variant: string, suite: string, c: CaseResult, index: number): Reproduction | undefined {
  const ev = c.evidence;
  if (!ev || (ev.exchanges.length === 0 && !ev.setup?.length)) return undefined;
  const all = [...(ev.setup ?? []), ...ev.exchanges];
  const primaryKey = all.map((e) => (e.request.headers.authorization ? SIGV4.exec(e.request.headers.authorization)?.[1] : undefined)).find(Boolean);
  const rerun = rerunCommand(run, variant, suite, c.name);
  const harness = run.harness ? describeHarness(run.harness) : 'an alternator-e2e of results schema 1';
  const failure = c.failure?.message.split('\n')[0] ?? 'failed';
  const lines = [
    '#!/bin/sh',
    `# Reproduces ${variant} ${suite} › ${c.name}`,
    `# run ${run.runId} (profile ${run.profile}, target ${run.target}), written by ${harness}`,
    `# The case failed: ${oneLine(failure, 400)}`,
    '#',
    "# Sends the case's requests again, without the harness. Set, as the operator's page does for the AWS CLI:",
    '#   AWS_ENDPOINT_URL_DYNAMODB   the endpoint, https://<host>:<port>',
    '#   AWS_CA_BUNDLE               its CA bundle (HTTPS)',
    "#   AWS_ACCESS_KEY_ID           the role; AWS_SECRET_ACCESS_KEY its key (on Alternator the role's salted hash)",
    '#   AWS_DEFAULT_REGION          default us-east-1',
    "# Each step prints what the endpoint answers now; '# the harness got:' above it is what the harness saw.",
    ...(ev.omitted ? [`# NOT REPLAYED: the case's first ${ev.omitted} request(s); the evidence keeps its last ${ev.exchanges.length}`] : []),
    '# Not replayed either: data other cases of the suite file left behind.',
    '#',
    '# Rerun only this case with the harness:',
    `#   ${rerun}`,
    ': "${AWS_ENDPOINT_URL_DYNAMODB:?set AWS_ENDPOINT_URL_DYNAMODB to the endpoint URL}"',
    'export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" AWS_PAGER="" AWS_MAX_ATTEMPTS="${AWS_MAX_ATTEMPTS:-1}"',
  ];
  const created = new Set<string>();
  (ev.setup ?? []).forEach((e, i) => {
    lines.push(...step(e, `set-up ${i + 1}/${ev.setup!.length} (made before the case)`, primaryKey));
    for (const t of tablesNamed(e.request.body)) {
      created.add(t);
      lines.push(`aws dynamodb wait table-exists --table-name ${shellQuote(t)} 2>&1`);
    }
  });
  ev.exchanges.forEach((e, i) => {
    lines.push(...step(e, `step ${i + 1}/${ev.exchanges.length}`, primaryKey));
    if (operationOf(e) !== 'CreateTable') return;
    // Alternator creates a table at once; DynamoDB (and a script's next step) must wait for it.
    for (const t of tablesNamed(e.request.body)) {
      created.add(t);
      lines.push(`aws dynamodb wait table-exists --table-name ${shellQuote(t)} 2>&1`);
    }
  });
  if (created.size) {
    lines.push('', "echo '== clean up: the tables this script created (an error says one is already gone)'");
    for (const t of created) lines.push(`aws dynamodb delete-table --table-name ${shellQuote(t)} 2>&1 > /dev/null`);
  }
  return { file: reproductionFile(variant, suite, c.name, index), script: `${lines.join('\n')}\n`, rerun };
}

/** Adds a reproduction to every failed case that has evidence (numbered per variant and suite file). */
export function attachReproductions(run: RunResult): void {
  for (const v of run.variants)
    for (const s of v.suites) {
      let n = 0;
      for (const c of s.cases) {
        if (c.status !== 'failed' || !c.evidence) continue;
        const r = buildReproduction(run, v.name, s.suite, c, ++n);
        if (r) c.reproduction = r;
      }
    }
}
