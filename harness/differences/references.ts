// Where a documented difference is written down, as text a person reads and a URL a report links to. Upstream
// source files are linked at the tag they were read at, so a reference keeps meaning what it meant when checked.

export interface Reference {
  text: string;
  url: string;
}

/** The ScyllaDB release whose source the references were read at. */
export const SCYLLA_TAG = 'scylla-2026.2.4';
/** The ScyllaDB Operator release whose source and docs the references were read at. */
export const OPERATOR_TAG = 'v1.21.1';

const github = (repo: string, ref: string, path: string) => `https://github.com/${repo}/blob/${ref}/${path}`;

/** A ScyllaDB source file and the function that decides the behaviour. */
export function scyllaSource(path: string, fn: string, tag = SCYLLA_TAG): Reference {
  return { text: `scylladb/scylladb ${path} ${fn} (${tag})`, url: github('scylladb/scylladb', tag, path) };
}

/** A test of ScyllaDB's own Alternator suite (run against both DynamoDB and Alternator). */
export function scyllaTest(file: string, test: string, tag = SCYLLA_TAG): Reference {
  return { text: `scylladb/scylladb test/alternator/${file} ${test} (${tag})`, url: github('scylladb/scylladb', tag, `test/alternator/${file}`) };
}

/** A ScyllaDB document, e.g. docs/alternator/compatibility.md with a section. */
export function scyllaDoc(path: string, section: string, tag = SCYLLA_TAG): Reference {
  return { text: `scylladb/scylladb ${path} "${section}" (${tag})`, url: github('scylladb/scylladb', tag, path) };
}

export function scyllaIssue(n: number, what = ''): Reference {
  return { text: `scylladb/scylladb#${n}${what ? ` ${what}` : ''}`, url: `https://github.com/scylladb/scylladb/issues/${n}` };
}

export function operatorDoc(path: string, section: string, tag = OPERATOR_TAG): Reference {
  return { text: `scylladb/scylla-operator ${path} "${section}" (${tag})`, url: github('scylladb/scylla-operator', tag, path) };
}

export function operatorSource(path: string, fn: string, tag = OPERATOR_TAG): Reference {
  return { text: `scylladb/scylla-operator ${path} ${fn} (${tag})`, url: github('scylladb/scylla-operator', tag, path) };
}

export function operatorIssue(n: number, what = ''): Reference {
  return { text: `scylladb/scylla-operator#${n}${what ? ` ${what}` : ''}`, url: `https://github.com/scylladb/scylla-operator/issues/${n}` };
}

/** dynalite's source at the version this project pins (package.json). */
export function dynaliteSource(path: string, fn = ''): Reference {
  return { text: `dynalite ${path}${fn ? ` ${fn}` : ''} (v4.0.0)`, url: github('architect/dynalite', 'v4.0.0', path) };
}

/** A page of AWS's DynamoDB documentation. */
export function awsDoc(page: string, section: string): Reference {
  return { text: `AWS DynamoDB Developer Guide, ${section}`, url: `https://docs.aws.amazon.com/amazondynamodb/latest/${page}` };
}

/** A page of AWS's DynamoDB API Reference, e.g. API_UpdateItem.html, with the part that states the behaviour. */
export function awsApi(operation: string, part: string): Reference {
  return { text: `AWS DynamoDB API Reference, ${operation}: ${part}`, url: `https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_${operation}.html` };
}

/** One line: "text <url>", the form skip reasons and limitation notes carry so reports can link it. */
export function formatReference(r: Reference): string {
  return `${r.text} <${r.url}>`;
}
