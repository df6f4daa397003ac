import { describe } from 'vitest';
import { postgresBackend } from './support/cloud-harness.ts';
import { hotelScenarios } from './support/hotel-scenarios.ts';

// The same on Debian's PostgreSQL (started by the test, see support/postgres.ts).
describe('the hotel at HQ on PostgreSQL', () => {
  hotelScenarios(postgresBackend);
});
