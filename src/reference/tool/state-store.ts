// Small in-memory stores with expiry on the injected clock: login states, seen nonces, sessions.
export { randomToken, TtlStore } from '../shared/ttl-store.js';



export interface LoginState {
  nonce: string;
  /** The unsigned target_link_uri of the login request (only used by a flaw). */
  loginTarget: string;
}

export interface Session {
  sub: string | undefined;
  /** The LTI 1.1 account this launch was linked to (verified lti1p1 claim). */
  lti11UserId?: string;
  /** Submission review: the learner whose work is shown. */
  reviewOf?: string;
}
