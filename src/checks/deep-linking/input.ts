import { fail, type Check, type Verdict } from '../../core/check.js';
import type { SpecRef } from '../../spec/specs.js';

/** What the tool posted to our deep_link_return_url, next to the request it answers. */
export interface DeepLinkResponseInput {
  form: { method: string; contentType: string; fields: Record<string, string> };
  /** The JWT of the `JWT` field, decoded and verified against the tool's JWKS; absent if none could be decoded. */
  jwt?: {
    header: Record<string, unknown>;
    payload: Record<string, unknown>;
    signatureValid: boolean;
    kidFound: boolean;
    verifyError?: string;
  };
  /** The deep-linking request we sent. */
  request: {
    issuer: string;
    clientId: string;
    deploymentId: string;
    data?: string;
    settings: {
      accept_types: string[];
      accept_multiple?: boolean;
      accept_presentation_document_targets: string[];
      accept_media_types?: string;
    };
  };
  /** Seconds since the epoch. */
  now: number;
}

export type DeepLinkJwt = NonNullable<DeepLinkResponseInput['jwt']>;

/** A check on the response JWT; without a decodable JWT it fails (the form checks say why). */
export function jwtCheck(
  id: string,
  title: string,
  refs: readonly [SpecRef, ...SpecRef[]],
  judge: (jwt: DeepLinkJwt, input: DeepLinkResponseInput) => Verdict,
): Check<DeepLinkResponseInput> {
  return {
    id,
    title,
    refs,
    run: (input) => (input.jwt ? judge(input.jwt, input) : fail('no decodable JWT reached deep_link_return_url', 'a signed JWT in the form field JWT', null)),
  };
}
