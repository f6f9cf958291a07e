import { fail, pass, type Check } from '../../core/check.js';
import type { SpecRef } from '../../spec/specs.js';
import { rule } from '../../spec/rules.js';

// Step 3 of the launch: the platform's authentication response to our redirect_uri ([SEC] §5.1.1.3, §5.1.1.5).

export interface AuthResponseArrival {
  /** An id_token was posted to our redirect_uri. */
  arrived: boolean;
  /** Why not, as the scenario saw it (timeout, OIDC error response, error page). */
  error?: string;
}

export const authResponseArrived: Check<AuthResponseArrival> = {
  id: 'platform.auth-response.arrived',
  title: 'the platform answers our authentication request by posting an id_token to our redirect_uri',
  refs: [rule('LTI-OIDC-020')],
  run: ({ arrived, error }) => (arrived ? pass() : fail(`no id_token reached our redirect_uri${error ? `: ${error}` : ''}`, 'a form POST of id_token and state to the redirect_uri', error ?? null)),
};

export interface UnregisteredPosts {
  /** Form posts the platform made to redirect URIs we never registered. */
  unregisteredPosts: number;
}

export const authResponseRegisteredUri: Check<UnregisteredPosts> = {
  id: 'auth-response.registered-uri',
  title: 'the platform never posts an authentication response to a redirect URI we did not register',
  refs: [rule('LTI-OIDC-012')],
  run: ({ unregisteredPosts }) =>
    unregisteredPosts === 0 ? pass() : fail(`the platform posted ${unregisteredPosts} authentication response(s) to an unregistered redirect_uri`, 0, unregisteredPosts),
};

export interface AuthRequestAnswer {
  /** An id_token was issued (posted anywhere) for the request. */
  tokenIssued: boolean;
  /** The OIDC error the platform returned, if one reached a registered redirect_uri. */
  errorSeen?: string;
  /** The status of the page the browser ended on, when the platform showed an error itself. */
  finalStatus?: number;
}

/**
 * The platform refuses an authentication request it must not answer with an id_token (NT-P-02..07). An OIDC error
 * response to a registered redirect_uri and an error page at the platform both count; the scenario names the rule.
 */
export function authRequestRefused(refs: readonly [SpecRef, ...SpecRef[]]): Check<AuthRequestAnswer> {
  return {
    id: 'platform.auth-request.refused',
    title: 'the platform refuses this authentication request without issuing an id_token',
    refs,
    run: ({ tokenIssued, errorSeen, finalStatus }) => {
      if (tokenIssued) return fail('the platform issued an id_token for an authentication request it must refuse', 'an error response or an error page, no id_token', errorSeen ?? 'an id_token');
      if (errorSeen) return pass(`refused with error=${errorSeen}`);
      return pass(finalStatus === undefined ? 'no id_token was issued' : `no id_token was issued; the browser ended on HTTP ${finalStatus}`);
    },
  };
}
