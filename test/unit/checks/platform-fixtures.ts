import type { PlatformIdToken, PlatformIdTokenInput } from '../../../src/checks/platform/index.js';
import { CLAIM, CONTENT_ITEM_TYPE, CONTEXT_TYPE, DOCUMENT_TARGET, LTI_VERSION, MESSAGE_TYPE, NRPS_SERVICE_VERSION, ROLE, SCOPE } from '../../../src/lti/vocab.js';

// A conforming resource link launch and deep-linking request, as a platform would send them to our emulated tool.

export const ISSUER = 'https://lms.example';
export const CLIENT_ID = 'tool-123';
export const DEPLOYMENT = 'deploy-1';
export const NONCE = 'n-0S6_WzA2Mj';
export const STATE = 'af0ifjsldkj';
export const NOW = 1_700_000_000;
export const TARGET = 'https://tool.example/lti/launch';
export const DL_TARGET = 'https://tool.example/lti/deep-link';
export const LINEITEMS = 'https://lms.example/api/lti/courses/7/line_items';
export const MEMBERSHIPS = 'https://lms.example/api/lti/courses/7/names_and_roles';

function payload(): Record<string, unknown> {
  return {
    iss: ISSUER,
    aud: [CLIENT_ID, 'https://lms.example/analytics'],
    azp: CLIENT_ID,
    sub: 'a6d5c443-1f51-4783-ba1a-7686ffe3b54a',
    exp: NOW + 300,
    iat: NOW,
    nonce: NONCE,
    name: 'Ms Jane Marie Doe',
    email: 'jane@lms.example',
    picture: 'https://lms.example/jane.jpg',
    locale: 'en-US',
    [CLAIM.messageType]: MESSAGE_TYPE.resourceLink,
    [CLAIM.version]: LTI_VERSION,
    [CLAIM.deploymentId]: DEPLOYMENT,
    [CLAIM.targetLinkUri]: TARGET,
    [CLAIM.resourceLink]: { id: '200d101f-2c14-434a-a0f3-57c2a42369fd', title: 'Quiz 1' },
    [CLAIM.roles]: [ROLE.instructor, ROLE.teachingAssistant, ROLE.institutionFaculty],
    [CLAIM.context]: { id: 'c1d887f0-a1a3-4bca-ae25-c375edcc131a', label: 'CPS 435', title: 'CPS 435 Learning Analytics', type: [CONTEXT_TYPE.courseOffering] },
    [CLAIM.toolPlatform]: { guid: 'ex/48bbb541-ce55-456e-8b7d-ebc59a38d435', name: 'Example LMS', url: '' },
    [CLAIM.launchPresentation]: { document_target: 'iframe', height: 320, width: 240, return_url: 'https://lms.example/courses/7/return' },
    [CLAIM.lis]: { person_sourcedid: 'example.edu:71ee7e42' },
    [CLAIM.custom]: { xstart: '2017-04-21T01:00:00Z', empty: '' },
    [CLAIM.ags]: { scope: [SCOPE.lineItem, SCOPE.resultReadOnly, SCOPE.score], lineitems: LINEITEMS, lineitem: `${LINEITEMS}/12` },
    [CLAIM.nrps]: { context_memberships_url: MEMBERSHIPS, service_versions: [NRPS_SERVICE_VERSION] },
    'https://lms.example/claim/session': { id: '89023sj890dju080' },
  };
}

export function validRl(): PlatformIdTokenInput {
  return {
    token: { header: { alg: 'RS256', kid: 'platform-key-1', typ: 'JWT' }, payload: payload(), signatureValid: true, kidFound: true },
    expected: {
      issuer: ISSUER,
      clientId: CLIENT_ID,
      deploymentId: DEPLOYMENT,
      nonce: NONCE,
      stateSent: STATE,
      stateReturned: STATE,
      initiation: { iss: ISSUER, login_hint: 'u-1', target_link_uri: TARGET, client_id: CLIENT_ID, lti_deployment_id: DEPLOYMENT },
      messageType: MESSAGE_TYPE.resourceLink,
    },
    now: NOW,
  };
}

/** A deep-linking request: no resource_link, no target_link_uri claim, no roles (all optional there), the settings claim. */
export function validDl(): PlatformIdTokenInput {
  const input = validRl();
  const p = (input.token as PlatformIdToken).payload;
  for (const c of [CLAIM.resourceLink, CLAIM.targetLinkUri, CLAIM.roles, CLAIM.ags, CLAIM.nrps]) delete p[c];
  p[CLAIM.messageType] = MESSAGE_TYPE.deepLinkingRequest;
  p[CLAIM.deepLinkingSettings] = {
    deep_link_return_url: 'https://lms.example/courses/7/deep_links',
    accept_types: [CONTENT_ITEM_TYPE.ltiResourceLink, CONTENT_ITEM_TYPE.link, 'https://tool.example/item-type'],
    accept_presentation_document_targets: [DOCUMENT_TARGET.iframe, DOCUMENT_TARGET.window],
    accept_media_types: 'image/*,text/html',
    accept_multiple: true,
    accept_lineitem: true,
    auto_create: false,
    data: 'csrftoken:c7fbba78-7b75-46e3-9201-11e6d5f36f53',
  };
  input.expected.messageType = MESSAGE_TYPE.deepLinkingRequest;
  input.expected.initiation = { ...input.expected.initiation, target_link_uri: DL_TARGET };
  return input;
}

type Draft = PlatformIdTokenInput & { token: PlatformIdToken };

/** A copy of `base()` changed in one way. */
export const changed = (base: () => PlatformIdTokenInput) => (change: (d: Draft) => void): PlatformIdTokenInput => {
  const d = base() as Draft;
  change(d);
  return d;
};

/** A copy of `base()` with one claim set (undefined removes it). */
export const withClaim = (base: () => PlatformIdTokenInput) => (name: string, value: unknown): PlatformIdTokenInput =>
  changed(base)((d) => {
    if (value === undefined) delete d.token.payload[name];
    else d.token.payload[name] = value;
  });

/** A copy of `base()` with one member of an object claim set (undefined removes it). */
export const withMember = (base: () => PlatformIdTokenInput) => (claim: string, member: string, value: unknown): PlatformIdTokenInput =>
  changed(base)((d) => {
    const c = { ...(d.token.payload[claim] as Record<string, unknown>) };
    if (value === undefined) delete c[member];
    else c[member] = value;
    d.token.payload[claim] = c;
  });
