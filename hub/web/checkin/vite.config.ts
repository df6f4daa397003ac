import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The guest's check-in page, served by the hub at /checkin/<code> (index.html fallback); built into
// hub/web/dist/checkin. No service worker: the page is used once, on the hotel's Wi-Fi.
export default defineConfig({
  root: here('.'),
  base: '/checkin/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: here('../dist/checkin'),
    emptyOutDir: true,
    target: 'es2020',
  },
});
