import { fail, pass, type Check } from '../../core/check.js';
import type { SpecRef } from '../../spec/specs.js';

export interface InitiationAnswer {
  /** The browser reached our authorization endpoint. */
  reachedAuthorization: boolean;
  finalStatus: number;
  finalUrl: string;
}

export function loginProceeds(refs: readonly [SpecRef, ...SpecRef[]]): Check<InitiationAnswer> {
  return {
    id: 'login.answer.redirects-to-authorization',
    title: 'the tool answers the login initiation by sending the browser to our authorization endpoint',
    refs,
    run: (a) => (a.reachedAuthorization ? pass() : fail(`the login initiation ended at ${a.finalUrl} with ${a.finalStatus} instead of reaching our authorization endpoint`, 'a redirect (or auto-submitted form) to the authorization endpoint', `${a.finalStatus} ${a.finalUrl}`)),
  };
}

export function loginRefused(refs: readonly [SpecRef, ...SpecRef[]]): Check<InitiationAnswer> {
  return {
    id: 'login.answer.refused',
    title: 'the tool refuses this login initiation instead of starting authentication',
    refs,
    run: (a) => (a.reachedAuthorization ? fail('the tool started an authentication request for a login initiation it should refuse', 'no redirect to the authorization endpoint', 'redirected to the authorization endpoint') : pass()),
  };
}
