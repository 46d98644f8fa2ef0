import { defineConfig } from 'vite';

// The UI is served by admit itself (same origin), so the dev server proxies the API and
// Socket.IO to a running admit (ADMIT_URL, default http://127.0.0.1:3000).
const target = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.ADMIT_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': target,
      '/socket.io': { target, ws: true },
    },
  },
});
