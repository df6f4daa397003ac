import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The guest page, served by the hub at /t/<code> (index.html fallback); built into hub/web/dist/guest.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/t/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/guest', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
  },
});
