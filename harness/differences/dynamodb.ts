// Where AWS's DynamoDB web service itself behaves so that a check cannot run against it in a run's time: its TTL
// deletes expired items within days. (DynamoDB Local's departures from the service are in dynamodb-local.ts.)
import type { Difference, DifferenceSubject } from './difference.ts';
import { awsDoc, scyllaTest } from './references.ts';

const dynamodbService = (e: DifferenceSubject) => e.dataPlane === 'dynamodb';

export const DYNAMODB_DIFFERENCES: Difference[] = [
  {
    id: 'dynamodb-ttl-within-days',
    title: 'DynamoDB deletes expired items in the background, typically within a few days of their expiry, so a run cannot wait for it',
    references: [awsDoc('developerguide/howitworks-ttl.html', 'Time to Live (TTL): how it works'), scyllaTest('test_ttl.py', 'waits_for_expiration (skipped on AWS unless --runveryslow)')],
    holds: { product: 'dynamodb', since: '2012.8.10' },
    appliesTo: dynamodbService,
    removes: ['ttl-expiry'],
  },
];
