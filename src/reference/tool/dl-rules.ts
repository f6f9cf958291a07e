// Deep linking request rules ([DL] §4.4.1): the settings claim and its three required members. They only
// apply to LtiDeepLinkingRequest messages; everything else is judged by the common launch rules.
import { CLAIM, MESSAGE_TYPE } from '../../lti/vocab.js';
import type { ClaimInput, ClaimRule } from './rules.js';

export type Settings = Record<string, unknown>;

export const isObject = (v: unknown): v is Settings => typeof v === 'object' && v !== null && !Array.isArray(v);

const payload = (c: ClaimInput): Record<string, unknown> => c.payload as Record<string, unknown>;
const isDeepLinking = (c: ClaimInput): boolean =>
  payload(c)[CLAIM.messageType] === MESSAGE_TYPE.deepLinkingRequest;

/** The settings object of a deep linking request, when there is one. */
function settings(c: ClaimInput): Settings | undefined {
  const s = payload(c)[CLAIM.deepLinkingSettings];
  return isDeepLinking(c) && isObject(s) ? s : undefined;
}

export function isHttpUrl(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  try {
    const { protocol } = new URL(v);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

export const DL_RULES: readonly ClaimRule[] = [
  {
    name: 'dl-settings-present', off: 'dl-accepts-missing-settings', status: 400,
    check: (c) =>
      isDeepLinking(c) && payload(c)[CLAIM.deepLinkingSettings] === undefined
        ? 'deep_linking_settings claim is required'
        : undefined,
  },
  {
    name: 'dl-settings-object', status: 400,
    check: (c) => {
      const s = payload(c)[CLAIM.deepLinkingSettings];
      return isDeepLinking(c) && s !== undefined && !isObject(s) ? 'deep_linking_settings must be an object' : undefined;
    },
  },
  {
    name: 'dl-return-url-present', off: 'dl-accepts-missing-return-url', status: 400,
    check: (c) => {
      const s = settings(c);
      return s !== undefined && s.deep_link_return_url === undefined ? 'deep_link_return_url is required' : undefined;
    },
  },
  {
    name: 'dl-return-url', status: 400,
    check: (c) => {
      const url = settings(c)?.deep_link_return_url;
      return url === undefined || isHttpUrl(url) ? undefined : 'deep_link_return_url must be an http(s) URL';
    },
  },
  {
    name: 'dl-accept-types', status: 400,
    check: (c) => {
      const s = settings(c);
      return s === undefined || Array.isArray(s.accept_types) ? undefined : 'accept_types must be an array';
    },
  },
  {
    name: 'dl-accept-targets', status: 400,
    check: (c) => {
      const s = settings(c);
      return s === undefined || Array.isArray(s.accept_presentation_document_targets)
        ? undefined
        : 'accept_presentation_document_targets must be an array';
    },
  },
];
