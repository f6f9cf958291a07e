// Submission review launches and the lti1p1 claim: cases of the flaw table.
import { lti1p1Verify } from '../../../src/keys/lti1p1.js';
import { CLAIM, MESSAGE_TYPE } from '../../../src/lti/vocab.js';
import { launch } from './client.js';
import type { FlawCase, FlawEnv } from './flaw-cases-launch.js';

/** The 1.1 installation the platform under test is started with. */
export const LTI11 = { consumerKey: 'key-1p1', secret: 'secret-1p1' };

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

async function review(env: FlawEnv): Promise<Record<string, unknown>> {
  const l = await launch(env, { message: 'submission-review' });
  if (l.claims?.[CLAIM.messageType] !== MESSAGE_TYPE.submissionReview) throw new Error('not a submission review launch');
  return l.claims;
}

async function lti1p1(env: FlawEnv): Promise<{ claims: Record<string, unknown>; claim: Record<string, unknown> | undefined }> {
  const l = await launch(env);
  const claims = l.claims ?? {};
  const c = claims[CLAIM.lti1p1];
  return { claims, claim: c === undefined ? undefined : obj(c) };
}

export const REVIEW_CASES: FlawCase[] = [
  { name: 'review launch names the learner (for_user.user_id)', flippedBy: ['sr-omits-for-user'], run: async (env) => typeof obj((await review(env))[CLAIM.forUser]).user_id === 'string' },
  { name: 'review launch names the line item (AGS lineitem)', flippedBy: ['sr-omits-lineitem'], run: async (env) => typeof obj((await review(env))[CLAIM.ags]).lineitem === 'string' },
  { name: 'review launch names the resource link', flippedBy: ['token-omits-resource-link'], run: async (env) => typeof obj((await review(env))[CLAIM.resourceLink]).id === 'string' },
  { name: 'launch carries the lti1p1 claim', flippedBy: ['lti1p1-omits-claim'], run: async (env) => (await lti1p1(env)).claim?.oauth_consumer_key === LTI11.consumerKey },
  {
    name: 'lti1p1 signature verifies with the 1.1 secret', flippedBy: ['lti1p1-wrong-sign'],
    run: async (env) => {
      const { claims, claim } = await lti1p1(env);
      if (claim === undefined) return true; // the presence case judges that
      const base = { consumerKey: LTI11.consumerKey, deploymentId: String(claims[CLAIM.deploymentId] ?? ''), issuer: String(claims.iss), clientId: String(claims.aud), exp: Number(claims.exp), nonce: String(claims.nonce) };
      return lti1p1Verify(base, LTI11.secret, String(claim.oauth_consumer_key_sign));
    },
  },
];
