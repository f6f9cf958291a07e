import type { SpecRef } from '../src/spec/specs.js';
import { platformScenarios } from './platform/index.js';
import { toolScenarios } from './tool/index.js';

/** What `list` and `explain` show of any scenario, whichever role it tests. */
export interface ScenarioInfo {
  id: string;
  title: string;
  summary: string;
  suite: string;
  role: 'platform' | 'tool';
  certification?: string;
  refs: readonly SpecRef[];
}

export const allScenarios: ScenarioInfo[] = [...toolScenarios, ...platformScenarios];
