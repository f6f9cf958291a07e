import { fail, pass, type Check } from '../../core/check.js';
import { CLAIM } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';

/** The id_token of a launch of the link our deep-linking response created, and the item we sent. */
export interface CreatedLinkInput {
  payload?: Record<string, unknown>;
  item: { url: string; custom: Record<string, string> };
}

const noToken = (): ReturnType<Check<CreatedLinkInput>['run']> => fail('no id_token arrived for the created link', 'a launch of the created link', null);

export const createdLinkTarget: Check<CreatedLinkInput> = {
  id: 'id-token.created-link.target-link-uri',
  title: 'a launch of a link created by deep linking targets the item\'s url',
  refs: [rule('LTI-RL-010')],
  run: ({ payload, item }) => {
    if (!payload) return noToken();
    const target = payload[CLAIM.targetLinkUri];
    return target === item.url ? pass() : fail('target_link_uri is not the url of the ltiResourceLink item', item.url, target ?? null);
  },
};

export const createdLinkCustom: Check<CreatedLinkInput> = {
  id: 'id-token.created-link.custom',
  title: 'a launch of a link created by deep linking carries the item\'s custom parameters',
  refs: [rule('LTI-DLI-003')],
  run: ({ payload, item }) => {
    if (!payload) return noToken();
    const custom = (payload[CLAIM.custom] ?? {}) as Record<string, unknown>;
    const missing = Object.entries(item.custom).filter(([k, v]) => custom[k] !== v).map(([k]) => k);
    return missing.length === 0 ? pass() : fail(`the custom claim lacks the item's ${missing.join(', ')}`, item.custom, custom);
  },
};

export const CREATED_LINK_CHECKS = [createdLinkTarget, createdLinkCustom] as const;
