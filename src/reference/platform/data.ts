// The platform's fixed world: users, courses and their rosters, the default resource link of each
// course. Ids are constants so they stay stable across runs (a tool may key records on them).
import { CONTEXT_TYPE, ROLE } from '../../lti/vocab.js';

export type Persona = 'instructor' | 'student';

export interface User {
  id: string;
  givenName: string;
  familyName: string;
  email: string;
  /** Institution roles, sent in launches next to the context role. */
  institutionRoles: readonly string[];
}

export interface Member {
  userId: string;
  /** Context (membership) roles. */
  roles: readonly string[];
}

export interface Course {
  id: string;
  label: string;
  title: string;
  type: readonly string[];
  members: readonly Member[];
}

export const PERSONA_USER: Readonly<Record<Persona, string>> = {
  instructor: 'ref-user-instructor-1001',
  student: 'ref-user-student-2001',
};

const faculty = [ROLE.institutionFaculty];
const student = [ROLE.institutionStudent];

export const USERS: readonly User[] = [
  { id: PERSONA_USER.instructor, givenName: 'Grace', familyName: 'Hopper', email: 'grace.hopper@example.edu', institutionRoles: faculty },
  { id: PERSONA_USER.student, givenName: 'Alan', familyName: 'Turing', email: 'alan.turing@example.edu', institutionRoles: student },
  { id: 'ref-user-student-2002', givenName: 'Ada', familyName: 'Lovelace', email: 'ada.lovelace@example.edu', institutionRoles: student },
  { id: 'ref-user-student-2003', givenName: 'Edsger', familyName: 'Dijkstra', email: 'edsger.dijkstra@example.edu', institutionRoles: student },
];

const teacher = (userId: string): Member => ({ userId, roles: [ROLE.instructor] });
const learner = (userId: string): Member => ({ userId, roles: [ROLE.learner] });

export const COURSES: readonly Course[] = [
  {
    id: 'course-1',
    label: 'CS101',
    title: 'Introduction to Computing',
    type: [CONTEXT_TYPE.courseSection],
    members: [teacher(PERSONA_USER.instructor), learner(PERSONA_USER.student), learner('ref-user-student-2002')],
  },
  {
    id: 'course-2',
    label: 'CS201',
    title: 'Algorithms',
    type: [CONTEXT_TYPE.courseSection],
    members: [teacher(PERSONA_USER.instructor), learner(PERSONA_USER.student), learner('ref-user-student-2003')],
  },
];

export const DEFAULT_CONTEXT = 'course-1';

export function findCourse(id: string): Course | undefined {
  return COURSES.find((c) => c.id === id);
}

export function findUser(id: string): User | undefined {
  return USERS.find((u) => u.id === id);
}

export function findMember(course: Course, userId: string): Member | undefined {
  return course.members.find((m) => m.userId === userId);
}

/** The default link of a course: the activity every plain launch opens. */
export function defaultLinkId(courseId: string): string {
  return `ref-link-${courseId}`;
}

export const TOOL_PLATFORM = {
  guid: 'b5f3d6a2-lti-conform-reference-platform',
  name: 'lti-conform reference platform',
  version: '1.0.0',
  product_family_code: 'lti-conform-reference',
} as const;
