import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './cloud-sync/src/db/schema.ts',
  out: './cloud-sync/migrations',
});
