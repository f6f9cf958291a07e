import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * The one ajv instance for LTI messages (scores, line items, content items). Unlike the configuration's
 * instance it never coerces: a score of "83" is not a score of 83. JSON Schema draft-07, every error
 * reported (allErrors), `verbose` so an error can name the `x-spec` reference of the property it concerns.
 */
export const messageAjv = new Ajv({
  allErrors: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  coerceTypes: false,
  useDefaults: false,
  verbose: true,
});
// ajv-formats is CommonJS; under NodeNext its default import is the module object.
addFormatsModule.default(messageAjv, ['uri', 'date-time']);

// Annotations only: where the spec states the rule, and how to describe a pattern to a human.
messageAjv.addKeyword({ keyword: 'x-spec', schemaType: 'string' });
messageAjv.addKeyword({ keyword: 'x-format', schemaType: 'string' });
