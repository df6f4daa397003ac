import { describe } from 'vitest';
import { postgresBackend } from './support/cloud-harness.ts';
import { throttleScenarios } from './support/throttle-scenarios.ts';

// On a real PostgreSQL the two nodes have a connection pool each: parallel guesses meet in row
// locks, not in PGlite's single connection.
describe('login and pairing throttle on PostgreSQL', () => {
  throttleScenarios(postgresBackend);
});
