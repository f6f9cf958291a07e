import type { Check, Profile } from '../core/check.js';

// The shapes of `lti-conform validate`: one message in, a list of judged checks out.

/** A decoded message: a compact JWS (header and payload decoded, never the signature), or a JSON document. */
export type Message =
  | { form: 'jwt'; header: Record<string, unknown>; payload: Record<string, unknown>; token: string }
  | { form: 'json'; value: unknown; text: string };

/** How the JWT signature fared against --jwks; absent when no key set was given. */
export interface SignatureCheck {
  signatureValid: boolean;
  kidFound: boolean;
  verifyError?: string;
}

/** Values a user may give on the command line, for the checks that compare against them. */
export interface Expected {
  issuer?: string;
  clientId?: string;
  deploymentId?: string;
  nonce?: string;
  data?: string;
  tokenUrl?: string;
}

/** The environment variable holding the LTI 1.1 secret that verifies an lti1p1 claim (a secret is never a flag). */
export const LTI11_SECRET_ENV = 'LTI_CONFORM_LTI11_SECRET';

/** The command-line flag that supplies each expected value (named in "not checked" lines). */
export const FLAG_OF: Record<keyof Expected | 'jwks', string> = {
  issuer: '--issuer', clientId: '--client-id', deploymentId: '--deployment-id', nonce: '--nonce', data: '--data', tokenUrl: '--token-url', jwks: '--jwks',
};

/** Where a kind judges: the context a kind's `judge` receives. */
export interface JudgeContext {
  expected: Expected;
  /** Seconds since the epoch (--now, else the clock). */
  now: number;
  profile: Profile;
  /** Present when --jwks was given and the message is a JWT. */
  signature?: SignatureCheck;
  /** The LTI 1.1 secret that verifies an lti1p1 claim: from the environment only, never a flag. */
  lti11Secret?: string;
  /** Runs a check and records its result; `note` is appended to its message (why it was run this way). */
  judge<In>(check: Check<In>, input: In, note?: string): void;
  /** Records a check that was not run: `why` names the flag that enables it, or why it cannot apply. */
  notChecked(check: Pick<Check<unknown>, 'id' | 'title' | 'refs'>, why: string): void;
}

/**
 * One kind of message `validate` knows. Kinds are tried in order: the first whose `detect` says yes judges
 * the message (or the one named by --type). Adding a kind is one entry in KINDS (src/validate/kinds.ts).
 */
export interface Kind {
  /** The --type value: stable, kebab-case. */
  id: string;
  /** What people call it: "LtiResourceLinkRequest id_token", "AGS score". */
  title: string;
  form: Message['form'];
  /** Who sends this message (the scenario role in reports). */
  sender: 'platform' | 'tool';
  detect(message: Message): boolean;
  judge(message: Message, ctx: JudgeContext): void;
}
