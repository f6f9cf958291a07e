// The course roster NRPS serves. No member has `status`: a tool must read a missing status as Active
// (NT-T-51, [NRPS] §2.3). Personal data varies, so a tool cannot rely on optional fields (LTI-NRPS-011).
import { ROLE } from '../../../lti/vocab.js';

export interface Member {
  user_id: string;
  roles: string[];
  name?: string;
  given_name?: string;
  family_name?: string;
  email?: string;
}

function person(user_id: string, roles: string[], given?: string, family?: string, email?: string): Member {
  return {
    user_id, roles,
    ...(given && family ? { name: `${given} ${family}`, given_name: given, family_name: family } : {}),
    ...(email ? { email } : {}),
  };
}

/** Seven members, so a page size of 3 gives three pages; the two launch users come first. */
export function seedRoster(): Member[] {
  return [
    person('lti-conform-instructor-1', [ROLE.instructor], 'Ada', 'Lovelace', 'ada.lovelace@platform.example'),
    person('lti-conform-student-1', [ROLE.learner], 'Alan', 'Turing', 'alan.turing@platform.example'),
    person('lti-conform-student-2', [ROLE.learner], 'Grace', 'Hopper'),
    person('lti-conform-student-3', [ROLE.learner]),
    person('lti-conform-ta-1', [ROLE.instructor, ROLE.teachingAssistant], undefined, undefined, 'ta@platform.example'),
    person('lti-conform-mentor-1', [ROLE.mentor], 'Edsger', 'Dijkstra'),
    person('lti-conform-student-4', [ROLE.learner, ROLE.institutionStudent], 'Barbara', 'Liskov', 'barbara.liskov@platform.example'),
  ];
}

// Context roles are the membership namespace; derived from vocab so the URI is spelled once.
const CONTEXT_ROLE_NS = ROLE.learner.slice(0, ROLE.learner.indexOf('#') + 1);

/** The `role` filter of [NRPS] §2.4.1: a full role URI, or a context role's simple name. */
export function hasRole(m: Member, role: string): boolean {
  const uri = role.includes(':') ? role : `${CONTEXT_ROLE_NS}${role}`;
  return m.roles.includes(uri);
}
