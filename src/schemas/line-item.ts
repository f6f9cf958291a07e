import { bool, nonBlank, positive, str, zoned, type JsonSchema } from './common.js';

/**
 * A line item a tool POSTs or PUTs ([AGS] §3.2): label non-blank, scoreMaximum > 0, dates with a zone.
 * Open to extensions (§3.1.2: URL-named keys) and to properties the platform adds (`id`).
 */
export const lineItemSchema: JsonSchema = {
  $id: 'urn:lti-conform:schema:line-item',
  type: 'object',
  'x-spec': 'AGS §3.2',
  required: ['label', 'scoreMaximum'],
  properties: {
    id: str('AGS §3.2.3'),
    label: nonBlank('AGS §3.2.7'),
    scoreMaximum: positive('AGS §3.2.8'),
    resourceLinkId: str('AGS §3.2.9'),
    resourceId: { type: ['string', 'null'], 'x-spec': 'AGS §3.2.10' },
    tag: { type: ['string', 'null'], 'x-spec': 'AGS §3.2.11' },
    startDateTime: { ...zoned('AGS §3.2.12'), type: ['string', 'null'] },
    endDateTime: { ...zoned('AGS §3.2.13'), type: ['string', 'null'] },
    gradesReleased: bool('AGS §3.2.14'),
    submissionReview: { type: 'object', 'x-spec': 'LTI Submission Review 1.0' },
  },
};
