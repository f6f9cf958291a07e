// The page our registration initiation URL answers: the person (or the platform's frame) sees that
// lti-conform took the request; the registration runs in the scenario, which judges each step.
import { DR } from '../../lti/vocab.js';

export function registrationPage(): string {
  const close = `(window.opener || window.parent).postMessage({ subject: ${JSON.stringify(DR.closeSubject)} }, '*')`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>lti-conform registration</title></head><body>
<p>lti-conform received the registration request and registers its tool now; follow the run in the terminal.</p>
<p><button type="button" onclick="${close.replace(/"/g, '&quot;')}">Close</button></p>
</body></html>
`;
}
