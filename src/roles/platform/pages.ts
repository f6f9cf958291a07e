import type { PlatformEmulator } from './emulator.js';

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const esc = escapeHtml;

/** The auto-submitting form a platform answers an authentication request with (response_mode=form_post). */
export function autoPostPage(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('');
  return `<!doctype html><html><head><title>Launching…</title></head><body onload="document.forms[0].submit()">`
    + `<form method="POST" action="${esc(action)}">${inputs}<noscript><button type="submit">Continue</button></noscript></form></body></html>`;
}

/** A page a person opens in a real browser to start a manual launch (serve platform). */
export function launchStartPage(e: PlatformEmulator, persona: string, deepLinking = false): string {
  const fields: Record<string, string> = {
    iss: e.issuer,
    login_hint: persona === 'student' ? 'student' : 'instructor',
    target_link_uri: deepLinking ? (e.tool.deepLinkingUrl ?? e.tool.targetLinkUri) : e.tool.targetLinkUri,
    lti_message_hint: `manual-${persona}`,
    client_id: e.tool.clientId,
    lti_deployment_id: e.tool.deploymentId,
  };
  const inputs = Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('');
  const what = deepLinking ? 'Pick content in the tool (deep linking)' : `Launch the tool as ${esc(persona)}`;
  return `<!doctype html><html><head><title>lti-conform launch</title></head><body><h1>${what}</h1>`
    + `<form method="POST" action="${esc(e.tool.loginInitiationUrl)}">${inputs}<button type="submit">Launch</button></form>`
    + `<p><a href="?persona=${persona === 'student' ? 'instructor' : 'student'}">switch persona</a></p></body></html>`;
}
