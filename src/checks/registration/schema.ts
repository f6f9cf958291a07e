// The Dynamic Registration documents against their JSON Schemas (src/schemas/registration.ts): member types,
// where the member checks judge presence. Two checks a document, one a level: the members OpenID Connect
// Discovery and RFC 7591 define (MUST), and the LTI configuration objects DR adds (SHOULD, text not read).
import { fail, pass, type Check, type Verdict } from '../../core/check.js';
import { DR } from '../../lti/vocab.js';
import { validate, type SchemaId } from '../../schemas/index.js';
import { rule } from '../../spec/rules.js';
import type { ConfigurationInput } from './configuration.js';
import { isObject } from './json.js';
import type { RegistrationRequestInput } from './request.js';
import type { RegistrationResponseInput } from './response.js';

const pointer = (member: string): string => `/${member.replace(/~/g, '~0').replace(/\//g, '~1')}`;
const LTI_MEMBERS = [DR.platformConfiguration, DR.toolConfiguration].map((m) => [pointer(m), m] as const);

/** An error line with the escaped JSON pointer of an LTI member shown as the member's name, in brackets. */
const readable = (line: string): string => {
  for (const [p, m] of LTI_MEMBERS) if (line.startsWith(`${p}/`) || line.startsWith(`${p} `)) return `[${m}]${line.slice(p.length)}`;
  return line;
};

function judge(doc: unknown, schema: SchemaId, what: string, absent: string): Verdict {
  if (!isObject(doc)) return pass(`not judged: ${absent}`);
  const v = validate(schema, doc);
  if (v.ok) return pass();
  const errors = v.errors.map(readable);
  return fail(`${what}: ${errors.join('; ')}`, `member types per the ${schema} schema`, errors);
}

const NO_CONFIGURATION = 'no configuration object (see registration.configuration.document)';

export const configurationSchema: Check<ConfigurationInput> = {
  id: 'registration.configuration.schema',
  title: 'the OpenID configuration members have the types OpenID Connect Discovery gives (JSON Schema)',
  refs: [rule('DR-CONFIG-TYPES')],
  run: ({ json }) => judge(json, 'registration:openid-configuration', 'the OpenID configuration has members of the wrong type', NO_CONFIGURATION),
};

export const configurationLtiSchema: Check<ConfigurationInput> = {
  id: 'registration.configuration.lti-schema',
  title: 'the LTI platform configuration has the types Dynamic Registration gives (JSON Schema)',
  refs: [rule('DR-LTI-TYPES')],
  run: ({ json }) => judge(json, 'registration:openid-configuration:lti', 'the LTI platform configuration has members of the wrong type', NO_CONFIGURATION),
};

const NO_REQUEST = 'the registration body is not a JSON object (see registration.request.json)';

export const requestSchema: Check<RegistrationRequestInput> = {
  id: 'registration.request.schema',
  title: 'the registration request members have the types RFC 7591 gives (JSON Schema)',
  refs: [rule('DR-METADATA-TYPES')],
  run: (i) => judge(i.request.metadata, 'registration:request', 'the client metadata has members of the wrong type', NO_REQUEST),
};

export const requestLtiSchema: Check<RegistrationRequestInput> = {
  id: 'registration.request.lti-schema',
  title: 'the LTI tool configuration of the request has the types Dynamic Registration gives (JSON Schema)',
  refs: [rule('DR-LTI-TYPES')],
  run: (i) => judge(i.request.metadata, 'registration:request:lti', 'the LTI tool configuration has members of the wrong type', NO_REQUEST),
};

const NO_RESPONSE = 'the answer is not a JSON object (see registration.response.json)';

export const responseSchema: Check<RegistrationResponseInput> = {
  id: 'registration.response.schema',
  title: 'the registration answer members have the types RFC 7591 gives, client_id a string (JSON Schema)',
  refs: [rule('DR-METADATA-TYPES')],
  run: ({ json }) => judge(json, 'registration:response', 'the registration answer has members of the wrong type', NO_RESPONSE),
};

export const responseLtiSchema: Check<RegistrationResponseInput> = {
  id: 'registration.response.lti-schema',
  title: 'the LTI tool configuration of the answer has the types Dynamic Registration gives, deployment_id a string (JSON Schema)',
  refs: [rule('DR-LTI-TYPES')],
  run: ({ json }) => judge(json, 'registration:response:lti', 'the LTI tool configuration of the answer has members of the wrong type', NO_RESPONSE),
};
