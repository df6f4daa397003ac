import { describe } from 'vitest';
import { postgresBackend } from './support/cloud-harness.ts';
import { syncScenarios } from './support/scenarios.ts';

// Debian's PostgreSQL, started by the test in a temporary folder on a free port (see
// support/postgres.ts; it fails with "apt-get install postgresql" when the binaries are missing).
// Every node has its own connection pool, so the two-node test crosses real LISTEN/NOTIFY.
describe('cloud sync on PostgreSQL', () => {
  syncScenarios(postgresBackend);
});
