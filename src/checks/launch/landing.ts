import { fail, pass, type Check } from '../../core/check.js';
import { rule } from '../../spec/rules.js';

export const landsOnSignedTarget: Check<{ decoyHits: number; finalUrl: string }> = {
  id: 'launch.landing.signed-target-link-uri',
  title: 'the tool lands on the signed target_link_uri claim, not the unsigned login parameter',
  refs: [rule('LTI-OIDC-023')],
  run: ({ decoyHits, finalUrl }) => (decoyHits === 0 ? pass() : fail('the browser was sent to the target_link_uri of the login initiation, which is unsigned', 'the target_link_uri claim of the id_token', finalUrl)),
};
