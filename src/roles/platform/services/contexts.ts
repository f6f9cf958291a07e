// The courses our platform knows. A context exists once a launch into it was prepared (urls()), as on a
// real platform; service calls for any other context id find nothing (404).
import { Gradebook } from './gradebook.js';
import { seedRoster, type Member } from './roster.js';

export interface CourseContext {
  id: string;
  label: string;
  title: string;
  gradebook: Gradebook;
  members: Member[];
}

// What the launch's context claim says for our default course (launch-claims.ts), so NRPS agrees with it.
const KNOWN = new Map([['lti-conform-context-1', { label: 'LTI101', title: 'LTI conformance course' }]]);

export class Contexts {
  private readonly byId = new Map<string, CourseContext>();

  /** The context, seeded on first use, with this resource link (and its line item) in it. */
  ensure(contextId: string, resourceLinkId: string): CourseContext {
    let c = this.byId.get(contextId);
    if (!c) {
      const names = KNOWN.get(contextId) ?? { label: contextId, title: `Course ${contextId}` };
      c = { id: contextId, ...names, gradebook: new Gradebook(resourceLinkId), members: seedRoster() };
      this.byId.set(contextId, c);
    }
    c.gradebook.bind(resourceLinkId);
    return c;
  }

  get(contextId: string): CourseContext | undefined {
    return this.byId.get(contextId);
  }
}
