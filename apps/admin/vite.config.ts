import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by apps/server under /admin (static.ts); the server's CSP allows only same-origin scripts, so nothing is
// inlined and nothing comes from a CDN. Each plugin's admin code is a separate chunk, loaded when its page opens.
export default defineConfig(({ command }) => {
  // A build is for production even when started from a test run (vitest sets NODE_ENV=test, which would otherwise give
  // React's and antd's development builds, with their warnings, to the browser tests).
  if (command === 'build') process.env['NODE_ENV'] = 'production';
  return {
    root: import.meta.dirname,
    base: '/admin/',
    plugins: [react()],
    build: {
      outDir: `${import.meta.dirname}/dist`,
      emptyOutDir: true,
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 2500,
      modulePreload: { polyfill: false },
    },
    server: { proxy: { '/trpc': 'http://127.0.0.1:3000' } },
  };
});
