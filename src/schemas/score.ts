import { ACTIVITY_PROGRESS, GRADING_PROGRESS } from '../lti/vocab.js';
import { nonEmpty, subsecondZoned, type JsonSchema } from './common.js';

/** A score a tool POSTs to `{lineitem}/scores` ([AGS] §3.4). Open to URL-named extensions (§3.1.2). */
export const scoreSchema: JsonSchema = {
  $id: 'urn:lti-conform:schema:score',
  type: 'object',
  'x-spec': 'AGS §3.4',
  required: ['userId', 'timestamp', 'activityProgress', 'gradingProgress'],
  properties: {
    userId: nonEmpty('AGS §3.4.5'),
    scoreGiven: { type: ['number', 'null'], minimum: 0, 'x-spec': 'AGS §3.4.4' },
    scoreMaximum: { type: ['number', 'null'], exclusiveMinimum: 0, 'x-spec': 'AGS §3.4.4' },
    comment: { type: ['string', 'null'], 'x-spec': 'AGS §3.4.11' },
    timestamp: subsecondZoned('AGS §3.4.9'),
    activityProgress: { type: 'string', enum: [...ACTIVITY_PROGRESS], 'x-spec': 'AGS §3.4.7' },
    gradingProgress: { type: 'string', enum: [...GRADING_PROGRESS], 'x-spec': 'AGS §3.4.8' },
    scoringUserId: nonEmpty('AGS §3.4.6'),
    submission: {
      type: 'object',
      'x-spec': 'AGS §3.4.10',
      properties: {
        startedAt: subsecondZoned('AGS §3.4.10.1'),
        submittedAt: subsecondZoned('AGS §3.4.10.2'),
      },
    },
  },
  // scoreMaximum MUST be present (and a number) when scoreGiven is (AGS §3.4.4); a null scoreGiven clears the score.
  if: { type: 'object', required: ['scoreGiven'], properties: { scoreGiven: { type: 'number' } } },
  then: {
    type: 'object',
    required: ['scoreMaximum'],
    properties: { scoreMaximum: { type: 'number', 'x-spec': 'AGS §3.4.4' } },
    'x-spec': 'AGS §3.4.4',
  },
};

