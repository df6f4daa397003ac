import { describe } from 'vitest';
import { pgliteBackend } from './support/cloud-harness.ts';
import { esimScenarios } from './support/esim-scenarios.ts';

// eSIM sales, their projection and the eSIM report on the embedded default: one PGlite for the file.
describe('eSIM sales at HQ on PGlite', () => {
  esimScenarios(pgliteBackend);
});
