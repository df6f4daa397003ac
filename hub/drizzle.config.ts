import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './hub/src/schema.ts',
  out: './hub/migrations',
});
