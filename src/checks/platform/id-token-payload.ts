import { fail, pass } from '../../core/check.js';
import { CLAIM } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import { isObject, isLoopbackHost, parseUrl, stringLeaves, tokenCheck, type Json } from './input.js';

// Rules over the whole payload: https URLs ([CORE] §3.5) and whitespace padding ([CERT] 5.1).

/** The URLs a platform puts in a launch: return URL, platform home, picture, service endpoints, deep-linking return URL. */
function messageUrls(payload: Json): { path: string; url: string }[] {
  const at = (claim: string, key: string): unknown => {
    const c = payload[claim];
    return isObject(c) ? c[key] : undefined;
  };
  const candidates: [string, unknown][] = [
    ['launch_presentation.return_url', at(CLAIM.launchPresentation, 'return_url')],
    ['tool_platform.url', at(CLAIM.toolPlatform, 'url')],
    ['picture', payload.picture],
    ['endpoint.lineitems', at(CLAIM.ags, 'lineitems')],
    ['endpoint.lineitem', at(CLAIM.ags, 'lineitem')],
    ['namesroleservice.context_memberships_url', at(CLAIM.nrps, 'context_memberships_url')],
    ['deep_linking_settings.deep_link_return_url', at(CLAIM.deepLinkingSettings, 'deep_link_return_url')],
  ];
  // Blank values mean "not given" (AGS lineitem may be blank; platforms send "" for unset optional URLs).
  return candidates.filter((c): c is [string, string] => typeof c[1] === 'string' && c[1].trim() !== '').map(([path, url]) => ({ path, url }));
}

export const idTokenHttpsUrls = tokenCheck(
  'id-token.urls.https',
  'URLs in the message use https',
  [rule('LTI-SEC-002')],
  ({ payload }) => {
    const plain: string[] = [];
    const loopback: string[] = [];
    for (const { path, url } of messageUrls(payload)) {
      const u = parseUrl(url);
      // An unparseable value is judged by the format checks (schema, service claims), not here.
      if (!u || u.protocol === 'https:') continue;
      (u.protocol === 'http:' && isLoopbackHost(u.hostname) ? loopback : plain).push(`${path}=${url}`);
    }
    if (plain.length > 0) return fail(`URL(s) without https: ${plain.join(', ')}`, 'https URLs', plain);
    return loopback.length > 0 ? pass(`http accepted on a loopback host (a local test platform): ${loopback.join(', ')}`) : pass();
  },
);

export const idTokenNoWhitespace = tokenCheck(
  'id-token.claims.no-padding',
  'no claim value has leading or trailing whitespace',
  [rule('LTI-CORE-030')],
  ({ payload }) => {
    const padded = stringLeaves(payload, '').filter(({ value }) => value !== value.trim());
    return padded.length === 0
      ? pass()
      : fail(`value(s) with leading or trailing whitespace: ${padded.map((p) => p.path).join(', ')}`, 'values without surrounding whitespace', Object.fromEntries(padded.map((p) => [p.path, p.value])));
  },
);

export const ID_TOKEN_PAYLOAD_CHECKS = [idTokenHttpsUrls, idTokenNoWhitespace] as const;
