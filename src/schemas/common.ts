// Building blocks shared by the message schemas. Each schema is a plain JSON Schema (draft-07) object;
// `x-spec` names the spec text a property follows, `x-format` describes a pattern for error messages.

export type JsonSchema = Record<string, unknown>;

const DATE = '\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])';
const HM = '([01]\\d|2[0-3]):[0-5]\\d';
const SECONDS = ':([0-5]\\d|60)';
/** `Z`, `+hh:mm`, `+hhmm` or `+hh` (the AGS examples include `+00`). */
const ZONE = '(Z|[+-]([01]\\d|2[0-3])(:?[0-5]\\d)?)';

/** ISO 8601 date-time with fractional seconds and a zone designator ([AGS] §3.4.9, §3.4.10). */
export const DATE_TIME_SUBSECOND_ZONE = `^${DATE}T${HM}${SECONDS}\\.\\d+${ZONE}$`;
/** ISO 8601 date-time with a zone designator; seconds and fraction optional ([AGS] §3.2.12-13). */
export const DATE_TIME_ZONE = `^${DATE}T${HM}(${SECONDS}(\\.\\d+)?)?${ZONE}$`;
/** ISO 8601 date-time, zone optional ([DL] §3.2, §3.3 only say "ISO 8601 date and time"). */
export const DATE_TIME_ISO = `^${DATE}T${HM}(${SECONDS}(\\.\\d+)?)?${ZONE}?$`;

export const subsecondZoned = (spec: string): JsonSchema => ({
  type: 'string',
  pattern: DATE_TIME_SUBSECOND_ZONE,
  'x-format': 'an ISO 8601 date-time with fractional seconds and a zone designator, e.g. 2017-04-16T18:54:36.736Z',
  'x-spec': spec,
});

export const zoned = (spec: string): JsonSchema => ({
  type: 'string',
  pattern: DATE_TIME_ZONE,
  'x-format': 'an ISO 8601 date-time with a zone designator, e.g. 2018-03-06T20:05:02Z',
  'x-spec': spec,
});

export const isoDateTime = (spec: string): JsonSchema => ({
  type: 'string',
  pattern: DATE_TIME_ISO,
  'x-format': 'an ISO 8601 date-time, e.g. 2018-03-06T20:05:02Z',
  'x-spec': spec,
});

export const str = (spec: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'string', 'x-spec': spec, ...extra });
export const nonEmpty = (spec: string): JsonSchema => str(spec, { minLength: 1 });
/** Contains at least one non-whitespace character. */
export const nonBlank = (spec: string): JsonSchema => str(spec, { pattern: '\\S', 'x-format': 'a non-blank string' });
export const url = (spec: string): JsonSchema => str(spec, { format: 'uri' });
export const int = (spec: string): JsonSchema => ({ type: 'integer', 'x-spec': spec });
export const bool = (spec: string): JsonSchema => ({ type: 'boolean', 'x-spec': spec });
export const positive = (spec: string): JsonSchema => ({ type: 'number', exclusiveMinimum: 0, 'x-spec': spec });
