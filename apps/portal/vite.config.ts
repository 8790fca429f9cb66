import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The public portal: served by apps/server at / (static.ts) under a strict CSP — no inline script, no CDN, so
// everything (scripts, styles, fonts) is bundled into dist/.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, assetsInlineLimit: 0, sourcemap: false },
  server: { proxy: { '/trpc': 'http://127.0.0.1:3000' } },
});
