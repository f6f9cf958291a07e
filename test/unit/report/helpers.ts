import { readFile } from 'node:fs/promises';
import { validateXML } from 'xmllint-wasm';
import { expect } from 'vitest';
import { PRIVATE_D, SIGNATURE } from './fixture.js';

const XSD = new URL('../../../../shared/schemas/junit-10.xsd', import.meta.url);

/** Validates JUnit XML against Jenkins' junit-10.xsd; returns libxml2's errors (empty when valid). */
export async function junitErrors(xml: string): Promise<string[]> {
  const schema = await readFile(XSD, 'utf8');
  const res = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [schema] });
  return res.valid ? [] : res.errors.map((e) => e.rawMessage);
}

/** The planted secrets never reach a report. */
export function expectNoSecrets(text: string): void {
  expect(text).not.toContain(SIGNATURE);
  expect(text).not.toContain(PRIVATE_D);
  expect(text).not.toMatch(/"(d|p|q|dp|dq|qi)"\s*:/);
  expect(text).not.toMatch(/\\?"(d|p|q)\\?"\s*:/);
}
