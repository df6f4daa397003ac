import { describe } from 'vitest';
import { pgliteBackend } from './support/cloud-harness.ts';
import { throttleScenarios } from './support/throttle-scenarios.ts';

describe('login and pairing throttle on PGlite', () => {
  throttleScenarios(pgliteBackend);
});
