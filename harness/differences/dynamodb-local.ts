// Where AWS DynamoDB Local (the Java implementation AWS ships for development) differs from DynamoDB itself, so a
// case checking DynamoDB's behaviour is "not applicable" there. Observed against DynamoDB Local 1.25.1 (the jar in
// amplify-dynamodb-simulator 2.9.30) with raw signed requests; AWS's usage notes list some of these gaps.
import type { Difference, DifferenceSubject } from './registry.ts';
import { awsDoc, type Reference } from './references.ts';

const dynamodbLocal = (e: DifferenceSubject) => e.dataPlane === 'dynamodb-local';
const SINCE = '1.25.1';
const USAGE_NOTES = awsDoc('developerguide/DynamoDBLocal.UsageNotes.html', 'DynamoDB local usage notes');
const observed = (what: string): Reference => ({
  text: `observed on DynamoDB Local 1.25.1 (amplify-dynamodb-simulator 2.9.30): ${what}`,
  url: 'https://www.npmjs.com/package/amplify-dynamodb-simulator/v/2.9.30',
});

export const DYNAMODB_LOCAL_DIFFERENCES: Difference[] = [
  {
    id: 'dynamodb-local-no-http-compression',
    title: 'DynamoDB Local does not decode compressed request bodies (gzip or deflate: HTTP 500 InternalFailure), serves unknown Content-Encodings as plain JSON, and never compresses responses',
    references: [USAGE_NOTES, observed('PutItem with Content-Encoding gzip → 500 InternalFailure; Content-Encoding garbage → 200; Accept-Encoding gzip → no Content-Encoding')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['request-compression', 'response-compression', 'large-compressed-responses'],
  },
  {
    id: 'dynamodb-local-no-expression-size-limit',
    title: 'DynamoDB Local accepts expressions longer than 4096 bytes',
    references: [observed('UpdateExpression of 4097 bytes → 200')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['expression-size-limit-4kb'],
  },
  {
    id: 'dynamodb-local-malformed-body-internal-failure',
    title: 'DynamoDB Local answers a malformed body (broken JSON, a malformed BatchWriteItem, invalid base64) with HTTP 500 InternalFailure, where DynamoDB answers 400 SerializationException or ValidationException',
    references: [observed('every prefix of a valid PutItem, "null" to BatchWriteItem, B value "YWJj??!!" → 500 InternalFailure')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['malformed-body-client-error'],
  },
  {
    id: 'dynamodb-local-attribute-name-limit-partial',
    title: 'DynamoDB Local refuses a 65,536-byte attribute name in an item but accepts it in AttributesToGet',
    references: [observed('GetItem with AttributesToGet of a 65,536-byte name → 200')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['attribute-name-length-limit'],
  },
  {
    id: 'dynamodb-local-no-describe-endpoints',
    title: 'DynamoDB Local does not implement DescribeEndpoints (UnknownOperationException)',
    references: [observed('DescribeEndpoints → 400 UnknownOperationException "An unknown operation was requested."')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['describe-endpoints'],
  },
  {
    id: 'dynamodb-local-no-health-check',
    title: 'DynamoDB Local answers GET / with MissingAuthenticationToken (HTTP 400), not a health check',
    references: [observed('GET / → 400 MissingAuthenticationToken')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['health-check'],
  },
  {
    id: 'dynamodb-local-cors',
    title: 'DynamoDB Local answers no Access-Control-Allow-Origin to requests carrying Origin (a preflight OPTIONS only echoes the requested methods and headers, with Max-Age 1728000)',
    references: [observed('OPTIONS / with Origin → Allow-Methods and Allow-Headers echoed, no Allow-Origin; POST with Origin → no CORS header')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['cors'],
  },
];
