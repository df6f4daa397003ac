import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The guest page, served by the hub at /t/<code> (index.html fallback); built into hub/web/dist/guest.
// The offline service worker is a second entry, built to a fixed name (/t/sw.js): a worker's address
// must stay the same from one build to the next, and its scope is the folder it is served from.
export default defineConfig({
  root: here('.'),
  base: '/t/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: here('../dist/guest'),
    emptyOutDir: true,
    target: 'es2020',
    rollupOptions: {
      input: { index: here('index.html'), sw: here('src/offline/service-worker.ts') },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
});
