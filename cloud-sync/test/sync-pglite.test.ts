import { describe } from 'vitest';
import { pgliteBackend } from './support/cloud-harness.ts';
import { syncScenarios } from './support/scenarios.ts';

// The embedded default: one PGlite for the file (nodes of the shared store share it), and a
// folder of its own for the crash test, reopened after the kill.
describe('cloud sync on PGlite', () => {
  syncScenarios(pgliteBackend);
});
