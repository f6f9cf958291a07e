import { fail, pass, type Check } from '../../core/check.js';
import { MEDIA_TYPE, MULTIPART_FORM_DATA, TOOL_MESSAGE_FORM_FIELD } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import { mediaTypeOf } from '../service/http.js';
import type { DeepLinkResponseInput } from './input.js';

const FORM_TYPES: readonly string[] = [MEDIA_TYPE.formUrlEncoded, MULTIPART_FORM_DATA];

export const dlFormPost: Check<DeepLinkResponseInput> = {
  id: 'deep-link-response.form.post',
  title: 'the response reaches deep_link_return_url as an HTML form POST',
  refs: [rule('LTI-DLR-001')],
  run: ({ form }) => {
    if (form.method.toUpperCase() !== 'POST') return fail(`the browser arrived with ${form.method}, not a form POST`, 'POST', form.method);
    const type = mediaTypeOf(form.contentType);
    return type !== undefined && FORM_TYPES.includes(type)
      ? pass()
      : fail('the POST body is not an HTML form', FORM_TYPES, form.contentType || null);
  },
};

export const dlFormJwtField: Check<DeepLinkResponseInput> = {
  id: 'deep-link-response.form.jwt-field',
  title: `the form carries the response JWT in the single parameter ${TOOL_MESSAGE_FORM_FIELD}`,
  refs: [rule('LTI-DLR-001')],
  run: ({ form, jwt }) => {
    const value = form.fields[TOOL_MESSAGE_FORM_FIELD];
    const names = Object.keys(form.fields);
    if (!value) {
      return fail(value === undefined ? `no form field named ${TOOL_MESSAGE_FORM_FIELD}` : `the ${TOOL_MESSAGE_FORM_FIELD} field is empty`, `a field ${TOOL_MESSAGE_FORM_FIELD} holding the JWT`, names);
    }
    if (!jwt) return fail(`the ${TOOL_MESSAGE_FORM_FIELD} field does not hold a decodable JWT`, 'a compact JWS (header.payload.signature)', value.slice(0, 80));
    const extra = names.filter((n) => n !== TOOL_MESSAGE_FORM_FIELD);
    return extra.length === 0 ? pass() : pass(`other form fields were sent too and are ignored: ${extra.join(', ')}`);
  },
};

/** Checks on how the response arrived (judge them always). */
export const DEEP_LINK_FORM_CHECKS = [dlFormPost, dlFormJwtField] as const;
