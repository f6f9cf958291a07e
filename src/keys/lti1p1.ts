import { createHmac, timingSafeEqual } from 'node:crypto';

// The LTI 1.1 migration claim's signature ([MIGR], catalog §1.15): Base64(HMAC-SHA256) of
// oauth_consumer_key & deployment_id & iss & client_id & exp & nonce, keyed by the LTI 1.1 shared secret.

export interface Lti1p1SignInput {
  consumerKey: string;
  deploymentId: string;
  issuer: string;
  /** The tool's client_id (the aud of the id_token). */
  clientId: string;
  exp: number | string;
  nonce: string;
}

export function lti1p1BaseString(i: Lti1p1SignInput): string {
  return [i.consumerKey, i.deploymentId, i.issuer, i.clientId, String(i.exp), i.nonce].join('&');
}

export function lti1p1Sign(i: Lti1p1SignInput, secret: string): string {
  return createHmac('sha256', secret).update(lti1p1BaseString(i), 'utf8').digest('base64');
}

/** Constant-time comparison of a received oauth_consumer_key_sign with the one the secret gives. */
export function lti1p1Verify(i: Lti1p1SignInput, secret: string, sign: string): boolean {
  const want = Buffer.from(lti1p1Sign(i, secret));
  const got = Buffer.from(sign);
  return want.length === got.length && timingSafeEqual(want, got);
}
