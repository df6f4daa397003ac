import { describe } from 'vitest';
import { postgresBackend } from './support/cloud-harness.ts';
import { moneyScenarios } from './support/money-scenarios.ts';

// The same on Debian's PostgreSQL (started by the test, see support/postgres.ts), where two pairings
// of one fresh venue really run at once.
describe('money at HQ on PostgreSQL', () => {
  moneyScenarios(postgresBackend);
});
