import { describe } from 'vitest';
import { postgresBackend } from './support/cloud-harness.ts';
import { esimScenarios } from './support/esim-scenarios.ts';

// The same on Debian's PostgreSQL (started by the test, see support/postgres.ts).
describe('eSIM sales at HQ on PostgreSQL', () => {
  esimScenarios(postgresBackend);
});
