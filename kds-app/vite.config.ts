import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The kitchen display, served by the hub at /kds (index.html fallback for deep links).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/kds/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: fileURLToPath(new URL('./dist', import.meta.url)), emptyOutDir: true, target: 'es2020' },
});
