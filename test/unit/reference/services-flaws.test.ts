// Every service flaw flips exactly the cases listed for it, and nothing else; the correct tool passes all.
// Launch-side cases for these flaws are in tool-flaws.test.ts (they must flip none there).
import { afterAll, describe, expect, it } from 'vitest';
import { CLAIM, MEDIA_TYPE } from '../../../src/lti/vocab.js';
import { SERVICE_FLAWS, startReferenceTool, type RunningReferenceTool, type ToolFlaw } from '../../../src/reference/tool/index.js';
import { DATA, deepLink, dlSettings, items, types } from './fake-deep-link.js';
import { accepted, FakePlatform, launch, login } from './fake-platform.js';
import { trigger } from './fake-services.js';

interface Env {
  p: FakePlatform;
  tool: RunningReferenceTool;
}
interface Case {
  name: string;
  flippedBy: ToolFlaw[];
  /** True when the tool behaved correctly. */
  run(env: Env): Promise<boolean>;
}

const grade = ({ p, tool }: Env) => trigger(tool, 'grade', { lineItem: p.services.urls.lineItem, userId: 'user-42' });
const scoreBody = async (env: Env): Promise<Record<string, unknown>> => {
  const mark = env.p.services.calls.length;
  await grade(env);
  const call = env.p.services.since(mark).find((c) => c.url.includes('/scores'));
  return JSON.parse(call?.body ?? '{}') as Record<string, unknown>;
};
/** The requests the tool made for one trigger. */
async function callsOf(env: Env, run: () => Promise<unknown>) {
  const mark = env.p.services.calls.length;
  await run();
  return env.p.services.since(mark);
}
const lineItems = (env: Env) => trigger(env.tool, 'lineItems', { lineItems: env.p.services.urls.lineItems });
const roster = (env: Env) => trigger(env.tool, 'roster', { memberships: env.p.services.urls.memberships });
async function launchAccepted({ p, tool }: Env): Promise<boolean> {
  const l = await login(p, tool);
  return accepted(await launch(tool, l, await p.sign({ kid: p.current.kid }, p.payload(tool, l.nonce))));
}

const CASES: Case[] = [
  { name: 'DL echoes data', flippedBy: ['dl-omits-data'], run: async ({ p, tool }) => (await deepLink(p, tool, dlSettings(p))).payload[CLAIM.dlData] === DATA },
  { name: 'DL aud is the platform issuer', flippedBy: ['dl-wrong-aud'], run: async ({ p, tool }) => (await deepLink(p, tool, dlSettings(p))).payload.aud === p.issuer },
  {
    // Ignoring accept_types returns two items whatever the settings, so it breaks this case too.
    name: 'DL one item without accept_multiple', flippedBy: ['dl-ignores-accept-multiple', 'dl-ignores-accept-types'],
    run: async ({ p, tool }) => items(await deepLink(p, tool, dlSettings(p, { accept_types: ['link', 'html'], accept_multiple: false }))).length === 1,
  },
  {
    name: 'DL only accepted types', flippedBy: ['dl-ignores-accept-types'],
    run: async ({ p, tool }) => JSON.stringify(types(await deepLink(p, tool, dlSettings(p, { accept_types: ['image', 'file'] })))) === '["image","file"]',
  },
  { name: 'DL without settings refused', flippedBy: ['dl-accepts-missing-settings'], run: async ({ p, tool }) => (await deepLink(p, tool, undefined)).status === 400 },
  {
    name: 'DL without return URL refused', flippedBy: ['dl-accepts-missing-return-url'],
    run: async ({ p, tool }) => (await deepLink(p, tool, dlSettings(p, { deep_link_return_url: undefined }))).status === 400,
  },
  { name: 'DL response has a kid', flippedBy: ['dl-unsigned-kid'], run: async ({ p, tool }) => typeof (await deepLink(p, tool, dlSettings(p))).header.kid === 'string' },
  // The two token cases come first, while no token is cached yet, so each forces new token requests.
  {
    name: 'assertion jti is fresh', flippedBy: ['token-reuses-jti'],
    run: async (e) => {
      const mark = e.p.services.tokens.length;
      await grade(e);
      await roster(e);
      const jtis = e.p.services.tokens.slice(mark).map((t) => t.payload.jti);
      return jtis.length >= 2 && new Set(jtis).size === jtis.length;
    },
  },
  {
    name: 'assertion lives 5 minutes', flippedBy: ['token-long-lived-assertion'],
    run: async (e) => {
      await lineItems(e);
      const t = e.p.services.tokens.at(-1);
      return Number(t?.payload.exp) - Number(t?.payload.iat) === 300;
    },
  },
  { name: 'score timestamp has a zone', flippedBy: ['score-timestamp-without-zone'], run: async (e) => String((await scoreBody(e)).timestamp).endsWith('Z') },
  { name: 'score userId is the learner', flippedBy: ['score-wrong-user-id'], run: async (e) => (await scoreBody(e)).userId === 'user-42' },
  {
    name: 'score URL keeps the line item query', flippedBy: ['score-drops-line-item-query'],
    run: async (e) => (await callsOf(e, () => grade(e))).some((c) => c.url.endsWith('/ags/lineitems/1/scores?x=1')),
  },
  {
    name: 'line items: every page read', flippedBy: ['lineitems-first-page-only', 'lineitems-rebuilds-next-url'],
    run: async (e) => {
      const r = await lineItems(e);
      return r.status === 200 && (r.json.ids as unknown[]).length === 3;
    },
  },
  {
    name: 'line items: pages come from the Link header', flippedBy: ['lineitems-rebuilds-next-url'],
    run: async (e) => {
      const calls = await callsOf(e, () => lineItems(e));
      return calls.slice(1).every((c) => e.p.services.advertised.includes(c.url));
    },
  },
  {
    name: 'line item label is not blank', flippedBy: ['lineitem-blank-label'],
    run: async (e) => {
      const [call] = await callsOf(e, () => trigger(e.tool, 'createLineItem', { lineItems: e.p.services.urls.lineItems }));
      return String((JSON.parse(call?.body ?? '{}') as { label?: unknown }).label ?? '').trim() !== '';
    },
  },
  {
    name: 'results Accept is the result container', flippedBy: ['results-wrong-accept'],
    run: async (e) => {
      const calls = await callsOf(e, () => trigger(e.tool, 'results', { lineItem: e.p.services.urls.lineItem }));
      return calls.length > 0 && calls.every((c) => c.accept === MEDIA_TYPE.resultContainer);
    },
  },
  { name: 'roster: every page read', flippedBy: ['roster-first-page-only'], run: async (e) => JSON.stringify((await roster(e)).json.userIds) === '["user-42","user-43"]' },
  {
    name: 'roster Accept is the membership container', flippedBy: ['nrps-wrong-accept'],
    run: async (e) => (await callsOf(e, () => roster(e))).every((c) => c.accept === MEDIA_TYPE.membershipContainer),
  },
  {
    name: '401 -> new token and retry', flippedBy: ['token-never-renews'],
    run: async (e) => {
      await grade(e);
      e.p.services.revokeAll();
      return (await grade(e)).status === 200;
    },
  },
  {
    // Last: it rotates the platform's key for the rest of this run.
    name: 'rotated platform key accepted', flippedBy: ['jwks-cached-forever'],
    run: async (e) => {
      const before = await launchAccepted(e);
      await e.p.rotate();
      return before && (await launchAccepted(e));
    },
  },
];

const platforms: FakePlatform[] = [];
afterAll(async () => {
  await Promise.all(platforms.map((p) => p.close()));
});

/** A fresh platform per run: the cases revoke tokens and rotate keys. */
async function outcomes(flaws: ToolFlaw[]): Promise<Record<string, boolean>> {
  const p = await FakePlatform.start();
  platforms.push(p);
  const tool = await startReferenceTool({ platform: p.registration, flaws });
  try {
    const out: Record<string, boolean> = {};
    for (const c of CASES) out[c.name] = await c.run({ p, tool });
    return out;
  } finally {
    await tool.close();
  }
}

describe('reference tool service flaws', () => {
  it('every service flaw has at least one case that catches it', () => {
    const caught = new Set(CASES.flatMap((c) => c.flippedBy));
    expect(SERVICE_FLAWS.filter((f) => !caught.has(f))).toEqual([]);
  });

  it('the correct tool behaves correctly in every case', async () => {
    const out = await outcomes([]);
    expect(Object.entries(out).filter(([, ok]) => !ok).map(([n]) => n)).toEqual([]);
  });

  it.each(SERVICE_FLAWS.map((f) => [f]))('%s flips exactly its cases', async (flaw) => {
    const out = await outcomes([flaw]);
    const flipped = Object.entries(out).filter(([, ok]) => !ok).map(([n]) => n);
    expect(flipped).toEqual(CASES.filter((c) => c.flippedBy.includes(flaw)).map((c) => c.name));
  });
});
