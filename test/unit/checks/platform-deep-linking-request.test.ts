import { describe, expect, it } from 'vitest';
import { idTokenMessageType } from '../../../src/checks/platform/id-token-core.js';
import { dlSettingsPresent, dlSettingsValues, dlTargetLinkUri, idTokenSchemaValid } from '../../../src/checks/platform/id-token-messages.js';
import { DEEP_LINKING_REQUEST_CHECKS, NO_TOKEN, PLATFORM_ID_TOKEN_CHECKS, RESOURCE_LINK_CHECKS, type PlatformIdTokenInput } from '../../../src/checks/platform/index.js';
import { checkLevel, type Check } from '../../../src/core/check.js';
import { CLAIM, CONTENT_ITEM_TYPE, DOCUMENT_TARGET, MESSAGE_TYPE } from '../../../src/lti/vocab.js';
import { bad, checkTable, CTX, type Case } from './check-table.js';
import { DL_TARGET, changed, validDl, withClaim, withMember } from './platform-fixtures.js';

const input = changed(validDl);
const claim = withClaim(validDl);
const setting = withMember(validDl);
const WANT = 'deep_link_return_url (URL), accept_types and accept_presentation_document_targets (arrays of strings)';
const KNOWN = { accept_types: Object.values(CONTENT_ITEM_TYPE), accept_presentation_document_targets: Object.values(DOCUMENT_TARGET) };
const settingsWithout = (name: string): Record<string, unknown> => {
  const s = { ...(validDl().token?.payload[CLAIM.deepLinkingSettings] as Record<string, unknown>) };
  delete s[name];
  return s;
};

const FAILING: Case<PlatformIdTokenInput>[] = [
  { name: 'settings claim missing', check: dlSettingsPresent, input: claim(CLAIM.deepLinkingSettings, undefined), verdict: bad('the deep_linking_settings claim is missing', WANT, null) },
  { name: 'settings a string', check: dlSettingsPresent, input: claim(CLAIM.deepLinkingSettings, 'settings'), verdict: bad('deep_linking_settings is not a JSON object', WANT, 'settings') },
  {
    name: 'no deep_link_return_url', check: dlSettingsPresent, input: setting(CLAIM.deepLinkingSettings, 'deep_link_return_url', undefined),
    verdict: bad('deep_link_return_url is missing', WANT, settingsWithout('deep_link_return_url')),
  },
  {
    name: 'accept_types a comma string, no targets', check: dlSettingsPresent,
    input: input((d) => { const s = settingsWithout('accept_presentation_document_targets'); s.accept_types = 'link,file'; d.token.payload[CLAIM.deepLinkingSettings] = s; }),
    verdict: bad('accept_types is not an array of strings; accept_presentation_document_targets is missing', WANT, { ...settingsWithout('accept_presentation_document_targets'), accept_types: 'link,file' }),
  },
  {
    name: 'accept types in the wrong case, target popup', check: dlSettingsValues,
    input: input((d) => { d.token.payload[CLAIM.deepLinkingSettings] = { ...settingsWithout('x'), accept_types: ['LtiResourceLink', 'link'], accept_presentation_document_targets: ['iframe', 'popup'] }; }),
    verdict: bad('accept_types neither defined nor URL-named: LtiResourceLink; unknown accept_presentation_document_targets: popup', KNOWN, { accept_types: ['LtiResourceLink'], accept_presentation_document_targets: ['popup'] }),
  },
  {
    name: 'target_link_uri claim differs from the initiation', check: dlTargetLinkUri, input: claim(CLAIM.targetLinkUri, 'https://tool.example/lti/launch'),
    verdict: bad('the target_link_uri claim differs from the login initiation\'s target_link_uri', DL_TARGET, 'https://tool.example/lti/launch'),
  },
];

const ALL: readonly Check<PlatformIdTokenInput>[] = DEEP_LINKING_REQUEST_CHECKS;

describe('platform deep-linking request checks', () => {
  checkTable(ALL, validDl, FAILING, /^deep-linking-request\.[a-z-]+\.[a-z0-9-]+$/);

  it('a conforming deep-linking request (no resource_link, roles, sub or target_link_uri) passes every common check', () => {
    const i = input((d) => { delete d.token.payload.sub; });
    for (const c of PLATFORM_ID_TOKEN_CHECKS) expect(c.run(i, CTX).ok, `${c.id}: ${JSON.stringify(c.run(i, CTX))}`).toBe(true);
    for (const c of RESOURCE_LINK_CHECKS) expect(c.run(i, CTX).ok, c.id).toBe(false); // judged only for resource links
  });

  it('the common checks judge it as a deep-linking request', () => {
    expect(idTokenMessageType.run(claim(CLAIM.messageType, MESSAGE_TYPE.resourceLink), CTX)).toEqual(bad(`message_type is "${MESSAGE_TYPE.resourceLink}"`, MESSAGE_TYPE.deepLinkingRequest, MESSAGE_TYPE.resourceLink));
    // "true"/"false" strings (the 1EdTech JSON binding, older Moodle) and null (Canvas) are accepted; a number is not.
    expect(idTokenSchemaValid.run(setting(CLAIM.deepLinkingSettings, 'accept_multiple', 'true'), CTX).ok).toBe(true);
    expect(idTokenSchemaValid.run(setting(CLAIM.deepLinkingSettings, 'accept_multiple', null), CTX).ok).toBe(true);
    expect(idTokenSchemaValid.run(setting(CLAIM.deepLinkingSettings, 'accept_multiple', 1), CTX).ok).toBe(false);
    expect(idTokenSchemaValid.run(setting(CLAIM.deepLinkingSettings, 'accept_media_types', ['image/*']), CTX).ok).toBe(true);
    expect(idTokenSchemaValid.run(claim(CLAIM.deepLinkingSettings, undefined), CTX)).toMatchObject({ ok: false, actual: ['/deep_linking_settings is required [DL §4.4.1]'] });
  });

  it('passes with notes where nothing applies', () => {
    expect(dlTargetLinkUri.run(validDl(), CTX)).toEqual({ ok: true, note: 'no target_link_uri claim (Deep Linking 2.0 does not require it)' });
    expect(dlTargetLinkUri.run(input((d) => { d.token.payload[CLAIM.targetLinkUri] = DL_TARGET; }), CTX)).toEqual({ ok: true });
    expect(dlSettingsPresent.run(setting(CLAIM.deepLinkingSettings, 'accept_types', []), CTX)).toEqual({ ok: true, note: 'empty: accept_types (the tool can return nothing)' });
    expect(dlSettingsValues.run(claim(CLAIM.deepLinkingSettings, undefined), CTX).ok).toBe(true);
  });

  it('without an id_token every check says so', () => {
    const none = input((d) => { delete (d as PlatformIdTokenInput).token; });
    for (const c of ALL) expect(c.run(none, CTX), c.id).toMatchObject({ ok: false, message: NO_TOKEN });
  });

  it('levels: the settings claim is a MUST; known values and the target_link_uri only warn', () => {
    expect(checkLevel(dlSettingsPresent.refs, 'spec')).toBe('fail');
    expect(checkLevel(dlSettingsValues.refs, 'certification')).toBe('warn');
    expect(checkLevel(dlTargetLinkUri.refs, 'certification')).toBe('warn');
  });
});
