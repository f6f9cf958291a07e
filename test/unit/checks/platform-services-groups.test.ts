// Guard: every check the platform-services modules export belongs to an exported group, and each group
// has its table (with a failing case per check) in the platform-services-*.test.ts files.
import { describe, expect, it } from 'vitest';
import * as access from '../../../src/checks/platform-services/access.js';
import * as container from '../../../src/checks/platform-services/ags-container.js';
import * as lineItem from '../../../src/checks/platform-services/ags-line-item.js';
import * as scores from '../../../src/checks/platform-services/ags-scores.js';
import * as index from '../../../src/checks/platform-services/index.js';
import * as nrps from '../../../src/checks/platform-services/nrps.js';
import * as refusal from '../../../src/checks/platform-services/token-refusal.js';
import * as response from '../../../src/checks/platform-services/token-response.js';
import type { Check } from '../../../src/core/check.js';

const isCheck = (v: unknown): v is Check<unknown> => v !== null && typeof v === 'object' && typeof (v as Check<unknown>).id === 'string' && Array.isArray((v as Check<unknown>).refs) && typeof (v as Check<unknown>).run === 'function';
const exported = [access, container, lineItem, scores, nrps, refusal, response].flatMap((m) => Object.values(m)).filter(isCheck);
const grouped = Object.entries(index).filter(([k, v]) => /_CHECKS$/.test(k) && Array.isArray(v)).flatMap(([, v]) => v as unknown[]).filter(isCheck);

describe('platform-services check groups', () => {
  it('every exported check is in an exported group (whose table demands a failing case)', () => {
    expect(exported.length).toBeGreaterThan(40);
    const inGroups = new Set(grouped.map((c) => c.id));
    expect(exported.map((c) => c.id).filter((id) => !inGroups.has(id))).toEqual([]);
  });

  it('ids are unique across groups and namespaced platform-token / platform-ags / platform-nrps', () => {
    const ids = [...new Set(grouped)].map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^platform-(token|ags|nrps)\.[a-z0-9-]+\.[a-z0-9-]+$/);
  });

  it('every check cites at least one reference with a keyword', () => {
    for (const c of grouped) expect(c.refs.every((r) => ['MUST', 'SHOULD', 'MAY', 'CERT'].includes(r.keyword)), c.id).toBe(true);
  });
});
