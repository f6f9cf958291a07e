import type { Keyword, SpecRef } from '../../spec/specs.js';

// References without a catalog rule id. Each says where the text is and how strongly it binds the platform.

/** [SEC] text (and the OAuth RFCs it adopts for the token endpoint). */
export const secRef = (section: string, keyword: Keyword): SpecRef => ({ spec: 'SEC', section, keyword });

/**
 * The AGS OpenAPI's status codes ([AGS-OAS]). Response codes are not RFC 2119 text; where the code is only
 * the conventional one (201 vs 200, 204 vs 200) a check cites it as SHOULD.
 */
export const oasRef = (operation: string, keyword: Keyword): SpecRef => ({ spec: 'AGS', section: `OpenAPI, ${operation}`, keyword });

/**
 * The AGS and NRPS media types are defined ([AGS] §3.2.1, §3.3.4; [NRPS] §2.4) and used in every example,
 * but no sentence binds the platform to label its answers with them: SHOULD.
 */
export const agsMediaRef = (section: string): SpecRef => ({ spec: 'AGS', section, keyword: 'SHOULD' });
export const nrpsMediaRef: SpecRef = { spec: 'NRPS', section: '§2.4', keyword: 'SHOULD' };

/** The member status vocabulary ([NRPS] §2.3): defined values, no catalog rule on the platform side. */
export const nrpsStatusRef: SpecRef = { spec: 'NRPS', section: '§2.3', keyword: 'SHOULD' };
