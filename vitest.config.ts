import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/src/**/*.test.ts', 'printers/src/**/*.test.ts', 'speech/src/**/*.test.ts', 'hub/src/**/*.test.ts', 'hub/test/**/*.test.ts', 'e2e/**/*.test.ts', 'kds-app/src/**/*.test.ts', 'hub/web/**/*.test.ts', 'cloud-sync/**/*.test.ts'],
    // Generous limits: on a busy 2-core CI box a browser test's steps (each with its own bounded wait)
    // can add up. A hang still fails; a slow machine does not.
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
