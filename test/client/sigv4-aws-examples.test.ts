// The local front door's SigV4 verifier (expectedSignature, used by harness/targets/local/front-door.ts) checked
// against signatures AWS published, not against the signer it shares code with: the inputs and the expected signatures below are copied from AWS's documentation (URL on each example). Only POST requests to
// "/" without a query string are used: that is the only request shape Alternator (and so the verifier) accepts.
// (The harness's signer is not compared: it adds and signs x-amz-content-sha256, which AWS's examples do not carry.)
import { describe, expect, it } from 'vitest';
import { expectedSignature, parseAuthorization } from '../../harness/client/sigv4.ts';

interface AwsExample {
  name: string;
  source: string;
  secretAccessKey: string;
  /** Request headers as published (names as written there). */
  headers: Record<string, string>;
  body: string;
  /** The Authorization header AWS published for the request. */
  authorization: string;
}

/** The secret key both AWS pages use. */
const AWS_EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TEST_SUITE = 'https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html (aws-sig-v4-test-suite.zip';

const EXAMPLES: AwsExample[] = [
  {
    name: 'IAM ListUsers, POST with a form body',
    source: 'https://docs.aws.amazon.com/general/latest/gr/sigv4-signed-request-examples.html (sample signed request with authorization information in the header)',
    secretAccessKey: AWS_EXAMPLE_SECRET,
    headers: { host: 'iam.amazonaws.com', 'Content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'x-amz-date': '20110909T233600Z' },
    body: 'Action=ListUsers&Version=2010-05-08',
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20110909/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ced6826de92d2bdeed8f846f0bf508e8559e98e4b0199114b84c54174deb456c',
  },
  {
    name: 'post-vanilla',
    source: `${TEST_SUITE}: post-vanilla/post-vanilla.req, .authz)`,
    secretAccessKey: AWS_EXAMPLE_SECRET,
    headers: { Host: 'example.amazonaws.com', 'X-Amz-Date': '20150830T123600Z' },
    body: '',
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
  },
  {
    name: 'post-header-key-sort',
    source: `${TEST_SUITE}: post-header-key-sort/post-header-key-sort.req, .authz)`,
    secretAccessKey: AWS_EXAMPLE_SECRET,
    headers: { Host: 'example.amazonaws.com', 'My-Header1': 'value1', 'X-Amz-Date': '20150830T123600Z' },
    body: '',
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;my-header1;x-amz-date, Signature=c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c',
  },
  {
    name: 'post-header-value-case',
    source: `${TEST_SUITE}: post-header-value-case/post-header-value-case.req, .authz)`,
    secretAccessKey: AWS_EXAMPLE_SECRET,
    headers: { Host: 'example.amazonaws.com', 'My-Header1': 'VALUE1', 'X-Amz-Date': '20150830T123600Z' },
    body: '',
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;my-header1;x-amz-date, Signature=cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d',
  },
  {
    name: 'post-sts-header-before (session token signed)',
    source: `${TEST_SUITE}: post-sts-token/post-sts-header-before/post-sts-header-before.sreq)`,
    secretAccessKey: AWS_EXAMPLE_SECRET,
    headers: {
      Host: 'example.amazonaws.com',
      'X-Amz-Date': '20150830T123600Z',
      'X-Amz-Security-Token':
        'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==',
    },
    body: '',
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead',
  },
];

/** Headers as a Node server receives them: lower-case names. */
const received = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
const bytes = (s: string) => new TextEncoder().encode(s);

describe("the front door's SigV4 verifier against AWS's published example signatures", () => {
  for (const ex of EXAMPLES) {
    it(`${ex.name} — ${ex.source}`, async () => {
      const auth = parseAuthorization(ex.authorization);
      expect(await expectedSignature(auth, received(ex.headers), bytes(ex.body), ex.secretAccessKey)).toBe(auth.signature);
    });
  }

  it('refuses the same examples with one byte of the body, a header value or the secret changed', async () => {
    for (const ex of EXAMPLES) {
      const auth = parseAuthorization(ex.authorization);
      const headers = received(ex.headers);
      expect(await expectedSignature(auth, headers, bytes(`${ex.body} `), ex.secretAccessKey)).not.toBe(auth.signature);
      expect(await expectedSignature(auth, { ...headers, 'x-amz-date': headers['x-amz-date']!.replace(/(\d)Z$/, (_, d: string) => `${(Number(d) + 1) % 10}Z`) }, bytes(ex.body), ex.secretAccessKey)).not.toBe(auth.signature);
      expect(await expectedSignature(auth, headers, bytes(ex.body), ex.secretAccessKey.replace(/Y$/, 'Z'))).not.toBe(auth.signature);
    }
  });
});
