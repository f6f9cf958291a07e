import { CLAIM, CONTEXT_TYPE, EXTENSION_CLAIM, ROLE } from '../../../src/lti/vocab.js';
import type { LaunchVariant } from '../../../src/roles/platform/launch-claims.js';
import { rule } from '../../../src/spec/rules.js';
import { withPayload, type Mutator } from '../../../src/mutators/types.js';
import { acceptedLaunch, type ToolScenario } from './kinds.js';

interface Variant {
  slug: string;
  cert: string;
  what: string;
  variant: Omit<LaunchVariant, 'persona'>;
}

const certRef = [rule('LTI-RL-009')] as const;

function variants(persona: 'instructor' | 'student'): Variant[] {
  const Cap = persona === 'instructor' ? 'Instructor' : 'Student';
  const instructor = persona === 'instructor';
  return [
    { slug: '', cert: `Valid ${Cap} Launch`, what: 'with full personal data', variant: {} },
    { slug: '-multiple-roles', cert: `Valid ${Cap} Launch with Roles`, what: 'with several roles', variant: { roles: instructor ? [ROLE.instructor, ROLE.institutionStaff, ROLE.institutionOther] : [ROLE.learner, ROLE.institutionStudent, ROLE.institutionMentor] } },
    { slug: '-short-role', cert: `Valid ${Cap} Launch Short Role`, what: 'with a short (deprecated) role name', variant: { roles: [instructor ? 'Instructor' : 'Learner'] } },
    { slug: '-unknown-role', cert: `Valid ${Cap} Launch Unknown Role`, what: 'with a role outside the vocabularies', variant: { roles: instructor ? [ROLE.certUnknownInstructorRole] : [ROLE.learner, ROLE.certUnknownLearnerRole] } },
    { slug: '-no-role', cert: `Valid ${Cap} Launch No Role`, what: 'with roles [""]', variant: { roles: [''] } },
    { slug: '-email-only', cert: `Valid ${Cap} Launch Email Only`, what: 'with an email but no names', variant: { pii: 'email' } },
    { slug: '-names-only', cert: `Valid ${Cap} Launch Names Only`, what: 'with names but no email', variant: { pii: 'names' } },
    { slug: '-no-pii', cert: `Valid ${Cap} No PII`, what: 'without any personal data', variant: { pii: 'none' } },
    { slug: '-email-without-context', cert: `Valid ${Cap} Email Without Context`, what: 'with an email and no context claim', variant: { pii: 'email', context: false } },
  ];
}

const certValid: ToolScenario[] = (['instructor', 'student'] as const).flatMap((persona) =>
  variants(persona).map((v) =>
    acceptedLaunch({
      id: `tool.launch.accepts-${persona}${v.slug}`,
      title: `accepts ${persona === "instructor" ? "an" : "a"} ${persona} launch ${v.what}`,
      summary: `A valid LtiResourceLinkRequest for a ${persona} ${v.what}, as in the certification suite's valid launches. The tool must accept it.`,
      certification: v.cert,
      refs: certRef,
      launch: { variant: { persona, ...v.variant } },
    }),
  ),
);

const addClaims = (id: string, claims: Record<string, unknown>): Mutator => ({
  id, describe: 'adds claims', apply: (m) => withPayload(m, { ...m.payload, ...claims }),
});

const setContextType: Mutator = {
  id: 'deprecated-context-type',
  describe: 'context.type ["CourseOffering"] (deprecated simple name)',
  apply: (m) => withPayload(m, { ...m.payload, [CLAIM.context]: { id: 'lti-conform-context-1', label: 'LTI101', type: ['CourseOffering'] } }),
};

const audArray: Mutator = {
  id: 'aud-array',
  describe: 'aud as an array [client_id] with azp = client_id',
  apply: (m, ctx) => withPayload(m, { ...m.payload, aud: [ctx.clientId], azp: ctx.clientId }),
};

const extras: ToolScenario[] = [
  acceptedLaunch({
    id: 'tool.launch.accepts-unknown-claims',
    title: 'accepts a launch carrying claims it does not know',
    summary: 'A valid launch plus a vendor extension claim named by URL and an unregistered plain claim (NT-T-39). Receivers must ignore claims they do not understand.',
    refs: [rule('LTI-SEC-013')],
    launch: { mutators: [addClaims('extension-claims', { [EXTENSION_CLAIM]: { anything: ['goes', 1, true] }, lti_conform_unregistered: 'ignore me' })] },
  }),
  acceptedLaunch({
    id: 'tool.launch.accepts-aud-array',
    title: 'accepts aud as an array holding its client_id, with azp',
    summary: 'aud may be a string or an array of strings; with an array the platform sends azp = client_id. The tool must accept both forms.',
    refs: [rule('LTI-CORE-003')],
    launch: { mutators: [audArray] },
  }),
  acceptedLaunch({
    id: 'tool.launch.accepts-sub-roles',
    title: 'accepts context sub-roles in URI form',
    summary: 'roles = [membership/Instructor#TeachingAssistant, membership#Instructor] (NT-T-40). Tools must recognise URI-form roles.',
    refs: [rule('LTI-VOC-003')],
    launch: { variant: { persona: 'instructor', roles: [ROLE.teachingAssistant, ROLE.instructor] } },
  }),
  acceptedLaunch({
    id: 'tool.launch.accepts-deprecated-context-type',
    title: 'accepts a deprecated simple context type name',
    summary: 'context.type = ["CourseOffering"] (NT-T-40). Tools MAY recognise the deprecated name; refusing the launch for it is not expected.',
    refs: [rule('LTI-VOC-003', 'SHOULD')],
    launch: { mutators: [setContextType] },
  }),
  acceptedLaunch({
    id: 'tool.launch.accepts-new-resource-link',
    title: 'accepts a launch from a resource link it has never seen',
    summary: 'A valid launch whose resource_link.id is new to the tool (older certification draft: "New resource_link_id"; unconfirmed in doc v3, so a warning).',
    refs: [rule('LTI-RL-009', 'SHOULD')],
    launch: { variant: { persona: 'instructor', resourceLinkId: `lti-conform-new-link-${Date.now().toString(36)}` } },
  }),
  acceptedLaunch({
    id: 'tool.launch.accepts-group-context',
    title: 'accepts a launch from a group context',
    summary: 'context.type = [course#Group], a vocabulary URI the tool must recognise.',
    refs: [rule('LTI-VOC-003')],
    launch: { mutators: [addClaims('group-context', { [CLAIM.context]: { id: 'lti-conform-group-1', type: [CONTEXT_TYPE.group] } })] },
  }),
];

export const validLaunchScenarios: ToolScenario[] = [...certValid, ...extras];
