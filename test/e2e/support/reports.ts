import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

export interface CtrfTestLike {
  name: string;
  testId?: string;
  status: string;
  rawStatus?: string;
  message?: string;
  extra?: { 'lti-conform'?: { scenarioId?: string; error?: { code: string; message: string; hint?: string } } };
}

export interface CtrfLike {
  reportFormat: string;
  results: {
    summary: { tests: number; failed: number; passed: number };
    tests: CtrfTestLike[];
    extra?: { 'lti-conform'?: { interrupted?: boolean; exitCode?: number } };
  };
}

export async function readCtrf(path: string): Promise<CtrfLike> {
  const doc = JSON.parse(await readFile(path, 'utf8')) as CtrfLike;
  if (doc.reportFormat !== 'CTRF') throw new Error(`${path} is not a CTRF report`);
  return doc;
}

export const errorOf = (t: CtrfTestLike) => t.extra?.['lti-conform']?.error;

// Jenkins' junit-10.xsd lives beside the repository in the shared workspace; well-formedness is always checked.
const XSD = fileURLToPath(new URL('../../../../shared/schemas/junit-10.xsd', import.meta.url));

export interface JunitSummary {
  testcases: number;
  errors: number;
  failures: number;
}

/** Throws unless `xml` is well-formed (and valid under junit-10.xsd when that file is at hand). */
export async function checkJunit(xml: string): Promise<JunitSummary> {
  const wellFormed = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], normalization: 'format' });
  if (!wellFormed.valid) throw new Error(`JUnit report is not well-formed XML:\n${wellFormed.errors.map((e) => e.rawMessage).join('\n')}`);
  if (existsSync(XSD)) {
    const schema = await readFile(XSD, 'utf8');
    const valid = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [schema] });
    if (!valid.valid) throw new Error(`JUnit report is not valid under junit-10.xsd:\n${valid.errors.map((e) => e.rawMessage).join('\n')}`);
  }
  if (!/^<\?xml[^>]*\?>\s*<testsuites[\s>/]/.test(xml)) throw new Error('JUnit report root is not <testsuites>');
  const count = (re: RegExp): number => (xml.match(re) ?? []).length;
  return { testcases: count(/<testcase\s/g), errors: count(/<error[\s>]/g), failures: count(/<failure[\s>]/g) };
}

export async function readJunit(path: string): Promise<JunitSummary> {
  return checkJunit(await readFile(path, 'utf8'));
}
