import { describe } from 'vitest';
import { pgliteBackend } from './support/cloud-harness.ts';
import { moneyScenarios } from './support/money-scenarios.ts';

// Payments, takings, currencies and pairing on the embedded default: one PGlite for the file.
describe('money at HQ on PGlite', () => {
  moneyScenarios(pgliteBackend);
});
