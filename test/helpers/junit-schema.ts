// Validates JUnit XML against the Jenkins xUnit plugin's published schema with libxml2 (xmllint, as wasm).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { fixturesDir } from '../../harness/util/paths.ts';

export async function validateJUnit(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const schema = readFileSync(join(fixturesDir(), 'schemas', 'junit-10.xsd'), 'utf8');
  const r = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [{ fileName: 'junit-10.xsd', contents: schema }] });
  return { valid: r.valid, errors: r.errors.map((e) => e.rawMessage) };
}
