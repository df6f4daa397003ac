import { defineConfig } from 'vitest/config';

// Unit and API tests run in parallel files; browser tests share one Chromium per file and take longer.
export default defineConfig({
  test: {
    include: ['shared/src/**/*.test.ts', 'printers/src/**/*.test.ts', 'hub/src/**/*.test.ts', 'hub/test/**/*.test.ts', 'e2e/**/*.test.ts', 'kds-app/src/**/*.test.ts', 'hub/web/**/*.test.ts', 'cloud-sync/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
