// How a tool under test ends Dynamic Registration: the close message after success ([DR] §3.7), no
// registration with a configuration whose issuer does not match its URL (§3.5.1, NT-T-54), and a clean
// stop when the platform refuses (§3.6.2). All three rest on unconfirmed text: warnings at most.
import { fail, pass, type Check } from '../../core/check.js';
import { DR } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';

/** The tool's last page as a browser got it (after redirects and auto-submitted forms). */
export interface RegistrationPage {
  status: number;
  url: string;
  contentType: string;
  body: string;
}

/** The text of every inline script of an HTML page (JS is not run: a literal search is what we do). */
function scriptText(html: string): string {
  return [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script\s*>/gi)].map((m) => m[1] ?? '').join('\n');
}

/** True when the page's scripts post the close message: postMessage and the close subject in script text. */
export function postsCloseMessage(page: RegistrationPage): boolean {
  const scripts = scriptText(page.body);
  return /\bpostMessage\s*\(/.test(scripts) && scripts.includes(DR.closeSubject);
}

/** The close message is posted as the page loads, not from a button the user clicks after reading an error. */
function postsCloseOnLoad(page: RegistrationPage): boolean {
  return postsCloseMessage(page) && !/addEventListener\s*\(\s*['"]click['"]/.test(scriptText(page.body));
}

export const closeMessagePosted: Check<RegistrationPage> = {
  id: 'registration.close.posted',
  title: `the tool ends registration by posting {subject: '${DR.closeSubject}'} to the opener or parent window`,
  refs: [rule('LTI-DR-008')],
  run: (p) =>
    postsCloseMessage(p)
      ? pass()
      : fail(`the final page (${p.status} ${p.url}) has no script posting the ${DR.closeSubject} message`, `a script calling postMessage({subject: '${DR.closeSubject}'}, ...)`, p.body.length > 300 ? `${p.body.slice(0, 300)}…` : p.body),
};

export interface MismatchInput {
  /** Registration requests the tool sent after reading the mismatched configuration. */
  registrations: number;
  configurationIssuer: string;
  configurationUrl: string;
}

export const mismatchNotRegistered: Check<MismatchInput> = {
  id: 'registration.issuer-mismatch.not-registered',
  title: 'the tool does not register with a configuration whose issuer does not match its openid_configuration URL',
  refs: [rule('LTI-DR-003')],
  run: (i) =>
    i.registrations === 0
      ? pass()
      : fail(`the tool registered although the configuration at ${i.configurationUrl} names the issuer ${i.configurationIssuer}`, 'no registration request', `${i.registrations} registration request(s)`),
};

export const stopsCleanly: Check<RegistrationPage> = {
  id: 'registration.stop.clean',
  title: 'a tool whose registration cannot go on shows an error without a server error and without announcing completion',
  refs: [rule('DR-TOOL-STOPS')],
  run: (p) => {
    if (p.status >= 500) return fail(`the tool answered ${p.status} (a server error) at ${p.url}`, 'an error page (4xx, or 2xx explaining the problem)', p.status);
    if (p.status < 300 && postsCloseOnLoad(p)) return fail(`the tool's page at ${p.url} posts the ${DR.closeSubject} message as if registration had completed`, 'an error shown to the user', 'a page posting the close message');
    return pass();
  },
};
