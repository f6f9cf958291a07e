import type { SpecRef } from '../../spec/specs.js';

/**
 * The AGS media types are defined ([AGS] §3.2.1, §3.3.4, §3.4.3) and used in every request example, but no
 * sentence binds a tool to send them: no catalog rule exists, so these references carry no rule id and warn.
 */
export const mediaTypeRef = (section: string): SpecRef => ({ spec: 'AGS', section, keyword: 'SHOULD' });
