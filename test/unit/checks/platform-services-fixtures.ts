import type { ServiceAnswer } from '../../../src/checks/platform-services/index.js';
import { MEDIA_TYPE } from '../../../src/lti/vocab.js';

export const LINE_ITEMS_URL = 'https://lms.example/ctx/1/lineitems';
export const ID1 = `${LINE_ITEMS_URL}/1`;
export const ID2 = `${LINE_ITEMS_URL}/2`;

/** A line item as a platform returns it. */
export const lineItem = (id = ID1, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id, label: 'Quiz 1', scoreMaximum: 10, resourceLinkId: 'rl-1', resourceId: 'quiz-1', tag: 'grade', ...over,
});

export const answer = (status: number, json: unknown, contentType: string = MEDIA_TYPE.json): ServiceAnswer => ({ status, headers: { 'content-type': contentType }, json });
