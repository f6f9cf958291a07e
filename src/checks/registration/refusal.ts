// The platform's answer to a registration request that is wrong in one way (NT-P-46): it registers
// nothing, and says why in the RFC 7591 §3.2.2 shape (400 JSON {error}) or, for a missing or wrong
// access token, RFC 6750 §3.1 (401).
import { fail, pass, type Check } from '../../core/check.js';
import { DR } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import type { SpecRef } from '../../spec/specs.js';
import { isObject, show } from './json.js';

export interface RegistrationRefusalInput {
  status: number;
  json: unknown;
  /** What we broke: the token, or the client metadata. */
  defect: 'token' | 'metadata';
  /** RFC 7591 codes that name a metadata defect (empty = any). */
  expectedErrors: string[];
}

const registeredId = (i: RegistrationRefusalInput): string | undefined => {
  const id = isObject(i.json) ? i.json.client_id : undefined;
  return i.status >= 200 && i.status < 300 && typeof id === 'string' && id !== '' ? id : undefined;
};

/** Nothing is registered. The refs say why it should be refused (the token, or the metadata). */
export function notRegistered(refs: readonly [SpecRef, ...SpecRef[]] = [rule('DR-REFUSE-INVALID')]): Check<RegistrationRefusalInput> {
  return {
    id: 'registration.refusal.not-registered',
    title: 'the broken registration request registers nothing',
    refs,
    run: (i) => {
      const id = registeredId(i);
      if (id !== undefined) return fail(`the platform registered it (HTTP ${i.status}, client_id ${JSON.stringify(id)}): a stray registration to delete in the platform`, 'a refusal', { status: i.status, client_id: id });
      return i.status >= 200 && i.status < 300 ? fail(`the platform answered HTTP ${i.status} (no client_id): unclear whether it registered anything`, 'a 400 or 401 refusal', i.status) : pass();
    },
  };
}

export const refusalNotRegistered = notRegistered();

export const refusalShape: Check<RegistrationRefusalInput> = {
  id: 'registration.refusal.error-shape',
  title: 'the refusal is 400 with a JSON {error}, or 401 for a token problem',
  refs: [rule('DR-ERROR')],
  run: (i) => {
    if (i.status >= 200 && i.status < 300) return pass(`not judged: HTTP ${i.status} is no refusal (see registration.refusal.not-registered)`);
    if (i.status === 401) return pass();
    if (i.status !== 400) return fail(`the refusal is HTTP ${i.status}`, i.defect === 'token' ? [401, 400] : 400, i.status);
    const e = isObject(i.json) ? i.json.error : undefined;
    return typeof e === 'string' && e !== '' ? pass() : fail(`the 400 body has error ${show(e)}`, '{"error": "<code>"}', i.json ?? null);
  },
};

export const refusalFits: Check<RegistrationRefusalInput> = {
  id: 'registration.refusal.error-fits',
  title: 'a refused metadata defect is named (invalid_redirect_uri / invalid_client_metadata)',
  refs: [rule('DR-REFUSE-INVALID')],
  run: (i) => {
    if (i.defect === 'token' || i.expectedErrors.length === 0) return pass();
    const e = isObject(i.json) ? i.json.error : undefined;
    // A single-use token is spent by the registration before: a token refusal says nothing of the metadata.
    if (i.status === 401 || e === 'invalid_token') return pass('not judged: refused for the token (perhaps spent, if single-use), so whether the metadata is checked could not be seen');
    if (i.status !== 400 || typeof e !== 'string') return pass('not judged: no RFC 7591 error (see registration.refusal.error-shape)');
    return i.expectedErrors.includes(e) ? pass() : fail(`error is "${e}"`, i.expectedErrors, e);
  },
};

/** Checks on the answer to a registration request broken in one way. */
export const REFUSAL_CHECKS = [refusalNotRegistered, refusalShape, refusalFits] as const;

export const METADATA_ERRORS = { redirect: [DR.errorInvalidRedirectUri, DR.errorInvalidClientMetadata], jwks: [DR.errorInvalidClientMetadata] } as const;
