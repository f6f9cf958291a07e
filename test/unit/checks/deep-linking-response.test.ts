import { describe, expect, it } from 'vitest';
import { dlItemsAcceptedTypes, dlItemsArray, dlItemsMediaTypes, dlItemsMultiple, dlItemsSchema, dlItemsTargets, dlItemsTypeKnown } from '../../../src/checks/deep-linking/content-items.js';
import { dlFormJwtField, dlFormPost } from '../../../src/checks/deep-linking/form.js';
import {
  DEEP_LINK_CONTENT_ITEM_CHECKS, DEEP_LINK_FORM_CHECKS, DEEP_LINK_MESSAGE_CHECKS, DEEP_LINK_RESPONSE_CHECKS, type DeepLinkResponseInput,
} from '../../../src/checks/deep-linking/index.js';
import {
  dlAlgRs256, dlAudPlatform, dlAzpPlatform, dlDataEchoed, dlDeploymentId, dlExpValid, dlIatPresent, dlIssClientId, dlKidPresent,
  dlMessageType, dlNoncePresent, dlSignatureValid, dlVersion,
} from '../../../src/checks/deep-linking/message.js';
import { checkLevel } from '../../../src/core/check.js';
import { CLAIM, CONTENT_ITEM_TYPE, DOCUMENT_TARGET, LTI_VERSION, MEDIA_TYPE, MESSAGE_TYPE, MULTIPART_FORM_DATA } from '../../../src/lti/vocab.js';
import { bad, checkTable, CTX, type Case } from './check-table.js';

const ISSUER = 'https://platform.example';
const CLIENT_ID = 'tool-123';
const DEPLOYMENT = 'deploy-1';
const DATA = 'csrf:c7fbba78-7b75';
const NOW = 1_700_000_000;
const FORM_TYPES = [MEDIA_TYPE.formUrlEncoded, MULTIPART_FORM_DATA];

function items(): Record<string, unknown>[] {
  return [
    {
      type: CONTENT_ITEM_TYPE.ltiResourceLink,
      title: 'Quiz 1',
      url: 'https://tool.example/lti/launch/quiz-1',
      custom: { quiz_id: 'az-123', empty: '' },
      lineItem: { scoreMaximum: 87, label: 'Quiz 1', resourceId: 'q1', tag: 'grade', gradesReleased: true },
      available: { startDateTime: '2018-02-06T20:05:02Z', endDateTime: '2018-03-07T20:05:02Z' },
      window: { targetName: 'quiz' },
      iframe: { height: 890 },
    },
    {
      type: CONTENT_ITEM_TYPE.link,
      url: 'https://www.example.com/watch?v=1',
      embed: { html: '<iframe src="https://www.example.com/embed/1"></iframe>' },
      iframe: { src: 'https://www.example.com/embed/1', width: 560, height: 315 },
      icon: { url: 'https://tool.example/icon.png', width: 16, height: 16 },
    },
    { type: CONTENT_ITEM_TYPE.file, url: 'https://tool.example/a.pdf', mediaType: 'application/pdf', expiresAt: '2018-03-06T20:05:02Z' },
    { type: CONTENT_ITEM_TYPE.html, html: '<h1>Title</h1>' },
    { type: CONTENT_ITEM_TYPE.image, url: 'https://tool.example/i.png', width: 10, height: 10, 'https://tool.example/meta': { license: 'CC' } },
    { type: 'https://tool.example/custom_type', data: 'anything' },
  ];
}

function valid(): DeepLinkResponseInput {
  return {
    form: { method: 'POST', contentType: `${MEDIA_TYPE.formUrlEncoded}; charset=UTF-8`, fields: { JWT: 'eyJ.eyJ.sig' } },
    jwt: {
      header: { alg: 'RS256', kid: 'tool-key-1', typ: 'JWT' },
      payload: {
        iss: CLIENT_ID,
        aud: ISSUER,
        azp: ISSUER,
        exp: NOW + 300,
        iat: NOW,
        nonce: 'n-0S6_WzA2Mj',
        [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingResponse,
        [CLAIM.version]: LTI_VERSION,
        [CLAIM.deploymentId]: DEPLOYMENT,
        [CLAIM.dlData]: DATA,
        [CLAIM.dlContentItems]: items(),
      },
      signatureValid: true,
      kidFound: true,
    },
    request: {
      issuer: ISSUER,
      clientId: CLIENT_ID,
      deploymentId: DEPLOYMENT,
      data: DATA,
      settings: {
        accept_types: [...Object.values(CONTENT_ITEM_TYPE), 'https://tool.example/custom_type'],
        accept_multiple: true,
        accept_presentation_document_targets: Object.values(DOCUMENT_TARGET),
        accept_media_types: 'image/*,application/pdf',
      },
    },
    now: NOW,
  };
}

type Draft = DeepLinkResponseInput & { jwt: NonNullable<DeepLinkResponseInput['jwt']> };
const input = (change: (d: Draft) => void): DeepLinkResponseInput => {
  const d = valid() as Draft;
  change(d);
  return d;
};
const claim = (name: string, value: unknown) => input((d) => {
  if (value === undefined) delete d.jwt.payload[name];
  else d.jwt.payload[name] = value;
});
const onlyItems = (list: unknown) => claim(CLAIM.dlContentItems, list);
const settings = (s: Partial<DeepLinkResponseInput['request']['settings']>) => input((d) => Object.assign(d.request.settings, s));

const JWT_CHECKS = [...DEEP_LINK_MESSAGE_CHECKS, ...DEEP_LINK_CONTENT_ITEM_CHECKS];
const NO_JWT = bad('no decodable JWT reached deep_link_return_url', 'a signed JWT in the form field JWT', null);

const FAILING: Case<DeepLinkResponseInput>[] = [
  { name: 'GET instead of POST', check: dlFormPost, input: input((d) => { d.form.method = 'GET'; }), verdict: bad('the browser arrived with GET, not a form POST', 'POST', 'GET') },
  { name: 'JSON body', check: dlFormPost, input: input((d) => { d.form.contentType = MEDIA_TYPE.json; }), verdict: bad('the POST body is not an HTML form', FORM_TYPES, MEDIA_TYPE.json) },
  { name: 'field named id_token', check: dlFormJwtField, input: input((d) => { d.form.fields = { id_token: 'eyJ.eyJ.sig' }; }), verdict: bad('no form field named JWT', 'a field JWT holding the JWT', ['id_token']) },
  { name: 'JWT field empty', check: dlFormJwtField, input: input((d) => { d.form.fields = { JWT: '' }; }), verdict: bad('the JWT field is empty', 'a field JWT holding the JWT', ['JWT']) },
  {
    name: 'JWT field not a JWT', check: dlFormJwtField, input: input((d) => { d.form.fields = { JWT: 'garbage' }; delete (d as DeepLinkResponseInput).jwt; }),
    verdict: bad('the JWT field does not hold a decodable JWT', 'a compact JWS (header.payload.signature)', 'garbage'), alsoFails: JWT_CHECKS,
  },
  {
    name: 'bad signature', check: dlSignatureValid, input: input((d) => { d.jwt.signatureValid = false; d.jwt.verifyError = 'signature verification failed'; }),
    verdict: bad('the signature cannot be verified with the tool\'s keys: signature verification failed', 'a signature made with the private key of a key in the tool JWKS', { alg: 'RS256', kid: 'tool-key-1' }),
  },
  {
    name: 'kid not in the JWKS', check: dlSignatureValid, input: input((d) => { d.jwt.signatureValid = false; d.jwt.kidFound = false; d.jwt.header.kid = 'other'; }),
    verdict: bad('the signature cannot be verified with the tool\'s keys: kid "other" is not in the tool\'s JWKS', 'a signature made with the private key of a key in the tool JWKS', { alg: 'RS256', kid: 'other' }),
  },
  { name: 'no kid', check: dlKidPresent, input: input((d) => { delete d.jwt.header.kid; }), verdict: bad('the JOSE header has no kid', 'a kid of the tool JWKS', null) },
  { name: 'alg RS512', check: dlAlgRs256, input: input((d) => { d.jwt.header.alg = 'RS512'; }), verdict: bad('alg is "RS512"', 'RS256', 'RS512') },
  { name: 'iss is the platform', check: dlIssClientId, input: claim('iss', ISSUER), verdict: bad(`iss is "${ISSUER}", not the client_id we registered`, CLIENT_ID, ISSUER) },
  { name: 'aud missing', check: dlAudPlatform, input: claim('aud', undefined), verdict: bad('aud is missing', ISSUER, null) },
  { name: 'aud lacks the issuer', check: dlAudPlatform, input: claim('aud', ['https://other.example']), verdict: bad('aud does not contain the platform issuer (case-sensitive match)', ISSUER, ['https://other.example']) },
  { name: 'aud a number', check: dlAudPlatform, input: claim('aud', 7), verdict: bad('aud is neither a string nor an array of strings', ISSUER, 7) },
  { name: 'azp is the client id', check: dlAzpPlatform, input: claim('azp', CLIENT_ID), verdict: bad(`azp is "${CLIENT_ID}", not the platform issuer`, ISSUER, CLIENT_ID) },
  { name: 'exp 2 minutes past', check: dlExpValid, input: claim('exp', NOW - 120), verdict: bad('exp is 120s in the past (leeway 60s)', `a NumericDate after ${NOW}`, NOW - 120) },
  { name: 'exp missing', check: dlExpValid, input: claim('exp', undefined), verdict: bad('exp is missing', `a NumericDate after ${NOW}`, null) },
  { name: 'iat missing', check: dlIatPresent, input: claim('iat', undefined), verdict: bad('iat is missing', `a NumericDate (about ${NOW})`, null) },
  { name: 'iat a string', check: dlIatPresent, input: claim('iat', String(NOW)), verdict: bad(`iat is not a JSON number ("${NOW}")`, `a NumericDate (about ${NOW})`, String(NOW)) },
  { name: 'nonce missing', check: dlNoncePresent, input: claim('nonce', undefined), verdict: bad('nonce is missing', 'a non-empty string', null) },
  { name: 'nonce empty', check: dlNoncePresent, input: claim('nonce', ''), verdict: bad('nonce is not a non-empty string ("")', 'a non-empty string', '') },
  {
    name: 'message_type in the pre-2019 case', check: dlMessageType, input: claim(CLAIM.messageType, 'LTIDeepLinkingResponse'),
    verdict: bad('message_type is "LTIDeepLinkingResponse"', MESSAGE_TYPE.deepLinkingResponse, 'LTIDeepLinkingResponse'),
  },
  { name: 'version 1.3', check: dlVersion, input: claim(CLAIM.version, '1.3'), verdict: bad('version is "1.3"', LTI_VERSION, '1.3') },
  { name: 'deployment_id missing', check: dlDeploymentId, input: claim(CLAIM.deploymentId, undefined), verdict: bad('deployment_id is missing', DEPLOYMENT, null) },
  { name: 'deployment_id of another deployment', check: dlDeploymentId, input: claim(CLAIM.deploymentId, 'deploy-2'), verdict: bad('deployment_id is "deploy-2", not the request\'s', DEPLOYMENT, 'deploy-2') },
  { name: 'data dropped', check: dlDataEchoed, input: claim(CLAIM.dlData, undefined), verdict: bad('the data claim is missing although the request had data', DATA, null) },
  { name: 'data altered (trimmed)', check: dlDataEchoed, input: claim(CLAIM.dlData, DATA.slice(0, -1)), verdict: bad('the data claim differs from the request\'s data', DATA, DATA.slice(0, -1)) },
  { name: 'content_items an object', check: dlItemsArray, input: onlyItems({ type: 'link' }), verdict: bad('content_items is not a JSON array', 'an array (possibly empty) or no claim', { type: 'link' }) },
  {
    name: 'custom value null, link without url', check: dlItemsSchema,
    input: onlyItems([{ type: CONTENT_ITEM_TYPE.ltiResourceLink, custom: { a: null } }, { type: CONTENT_ITEM_TYPE.link }]),
    verdict: bad('2 problem(s): content_items[0]/custom/a must be string [DL §3.2]; content_items[1]/url is required [DL §3.1]', 'items valid per Deep Linking 2.0 §3',
      ['content_items[0]/custom/a must be string [DL §3.2]', 'content_items[1]/url is required [DL §3.1]']),
  },
  { name: 'item without type', check: dlItemsSchema, input: onlyItems([{ url: 'https://x.example' }]), verdict: bad('1 problem(s): content_items[0]/type is required [DL §3.7]', 'items valid per Deep Linking 2.0 §3', ['content_items[0]/type is required [DL §3.7]']) },
  {
    name: 'type "Link" (neither defined nor a URL)', check: dlItemsTypeKnown, input: onlyItems([{ type: 'Link', url: 'https://x.example' }]),
    verdict: bad('item type(s) neither defined by Deep Linking 2.0 nor URL-named: [0] Link', Object.values(CONTENT_ITEM_TYPE), ['Link']), alsoFails: [dlItemsAcceptedTypes],
  },
  {
    name: 'link returned when only ltiResourceLink was asked for', check: dlItemsAcceptedTypes,
    input: input((d) => { d.request.settings.accept_types = [CONTENT_ITEM_TYPE.ltiResourceLink]; d.jwt.payload[CLAIM.dlContentItems] = [items()[0], items()[1]]; }),
    verdict: bad('item type(s) the platform did not ask for: [1] link', [CONTENT_ITEM_TYPE.ltiResourceLink], [CONTENT_ITEM_TYPE.link]),
  },
  { name: 'two items, accept_multiple false', check: dlItemsMultiple, input: input((d) => { d.request.settings.accept_multiple = false; d.jwt.payload[CLAIM.dlContentItems] = [items()[3], items()[3]]; }), verdict: bad('2 items returned although accept_multiple is false', 'at most 1 item', 2) },
  { name: 'six items, accept_multiple absent', check: dlItemsMultiple, input: input((d) => { delete d.request.settings.accept_multiple; }), verdict: bad('6 items returned although accept_multiple is absent', 'at most 1 item', 6) },
  {
    name: 'window offered when only iframe is accepted', check: dlItemsTargets, input: settings({ accept_presentation_document_targets: [DOCUMENT_TARGET.iframe] }),
    verdict: bad('presentation(s) the platform did not accept: [0] window, [1] embed', [DOCUMENT_TARGET.iframe], ['[0] window', '[1] embed']),
  },
  { name: 'PDF when only images are accepted', check: dlItemsMediaTypes, input: settings({ accept_media_types: 'image/*' }), verdict: bad('file item media type(s) outside accept_media_types: [2] application/pdf', 'image/*', ['application/pdf']) },
];

describe('deep-linking response checks', () => {
  checkTable(DEEP_LINK_RESPONSE_CHECKS, valid, FAILING, /^deep-link-response\.[a-z-]+\.[a-z0-9-]+$/);

  it('the arrays partition the checks: form, message, content items', () => {
    expect(DEEP_LINK_RESPONSE_CHECKS).toHaveLength(DEEP_LINK_FORM_CHECKS.length + DEEP_LINK_MESSAGE_CHECKS.length + DEEP_LINK_CONTENT_ITEM_CHECKS.length);
  });

  it('without a decodable JWT every JWT check says so', () => {
    const given = input((d) => { delete (d as DeepLinkResponseInput).jwt; });
    for (const c of JWT_CHECKS) expect(c.run(given, CTX), c.id).toEqual(NO_JWT);
  });

  it('passes with notes where nothing applies', () => {
    expect(dlFormJwtField.run(input((d) => { d.form.fields.extra = 'x'; }), CTX)).toEqual({ ok: true, note: 'other form fields were sent too and are ignored: extra' });
    expect(dlDataEchoed.run(input((d) => { delete d.request.data; }), CTX)).toEqual({ ok: true, note: 'the request carried no data' });
    expect(dlItemsMediaTypes.run(input((d) => { delete d.request.settings.accept_media_types; }), CTX)).toEqual({ ok: true, note: 'the request set no accept_media_types' });
    expect(dlItemsSchema.run(onlyItems({}), CTX).ok).toBe(true);
  });

  it('accepts the variants the spec allows', () => {
    const ok = (c: (typeof DEEP_LINK_RESPONSE_CHECKS)[number], i: DeepLinkResponseInput) => expect(c.run(i, CTX).ok, c.id).toBe(true);
    ok(dlAudPlatform, claim('aud', ['https://other.example', ISSUER]));
    ok(dlAzpPlatform, claim('azp', undefined));
    ok(dlExpValid, claim('exp', NOW - 30));
    ok(dlFormPost, input((d) => { d.form.contentType = `${MULTIPART_FORM_DATA}; boundary=x`; }));
    for (const c of DEEP_LINK_CONTENT_ITEM_CHECKS) ok(c, onlyItems(undefined));
    for (const c of DEEP_LINK_CONTENT_ITEM_CHECKS) ok(c, onlyItems([]));
    ok(dlItemsMultiple, input((d) => { d.request.settings.accept_multiple = false; d.jwt.payload[CLAIM.dlContentItems] = [items()[0]]; }));
  });

  it('the accept_* rules and azp only warn; the rest fail; RS256 fails only in certification', () => {
    const warn = [dlAzpPlatform, dlItemsTypeKnown, dlItemsAcceptedTypes, dlItemsMultiple, dlItemsTargets, dlItemsMediaTypes].map((c) => c.id);
    for (const c of DEEP_LINK_RESPONSE_CHECKS) {
      const expected = warn.includes(c.id) ? 'warn' : 'fail';
      expect(checkLevel(c.refs, c === dlAlgRs256 || c === dlKidPresent ? 'certification' : 'spec'), c.id).toBe(expected);
    }
    expect(checkLevel(dlAlgRs256.refs, 'spec')).toBe('warn');
    expect(checkLevel(dlKidPresent.refs, 'spec')).toBe('warn');
  });
});
