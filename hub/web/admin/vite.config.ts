import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The staff and admin pages, served by the hub at /admin (index.html fallback for /admin/<page>).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/admin/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: fileURLToPath(new URL('../dist/admin', import.meta.url)), emptyOutDir: true, target: 'es2020' },
});
