// The platform's answer to our valid registration request (RFC 7591 §3.2.1, LTI Dynamic Registration).
import { fail, pass, type Check } from '../../core/check.js';
import { DR } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import { isObject, show } from './json.js';
import { responseLtiSchema, responseSchema } from './schema.js';

export interface RegistrationResponseInput {
  status: number;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
}

export const responseStatus: Check<RegistrationResponseInput> = {
  id: 'registration.response.status',
  title: 'a valid registration is answered 2xx (200 or 201)',
  refs: [rule('LTI-DR-006')],
  run: ({ status }) => (status >= 200 && status < 300 ? pass() : fail(`the registration endpoint answered HTTP ${status}`, '201 (or 200)', status)),
};

export const responseJson: Check<RegistrationResponseInput> = {
  id: 'registration.response.json',
  title: 'the answer is a JSON object (the registered client metadata)',
  refs: [rule('LTI-DR-006')],
  run: ({ json }) => (isObject(json) ? pass() : fail('the answer is not a JSON object', 'a JSON object', json ?? null)),
};

export const responseClientId: Check<RegistrationResponseInput> = {
  id: 'registration.response.client-id',
  title: 'the answer names the client_id the platform gave our tool',
  refs: [rule('LTI-DR-006')],
  run: ({ json }) => {
    const id = isObject(json) ? json.client_id : undefined;
    return typeof id === 'string' && id !== '' ? pass() : fail(`client_id is ${show(id)}`, 'a non-empty string', id ?? null);
  },
};

/** The deployment the registration created; without it we learn it from the first launch. */
export function deploymentIdOf(json: unknown): string | undefined {
  const tc = isObject(json) ? json[DR.toolConfiguration] : undefined;
  const d = isObject(tc) ? tc.deployment_id : undefined;
  return typeof d === 'string' && d !== '' ? d : undefined;
}

export const responseDeploymentId: Check<RegistrationResponseInput> = {
  id: 'registration.response.deployment-id',
  title: 'the LTI tool configuration of the answer names the deployment_id',
  refs: [rule('DR-DEPLOYMENT-ID')],
  run: ({ json }) => (deploymentIdOf(json) !== undefined ? pass() : fail('no deployment_id in the answer: lti-conform learns it from the first launch', `${DR.toolConfiguration}.deployment_id`, null)),
};

/** Checks on the answer to a valid registration (NT-P-47). */
export const RESPONSE_CHECKS = [responseStatus, responseJson, responseClientId, responseSchema, responseDeploymentId, responseLtiSchema] as const;
