import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The gateway the dev server proxies Socket.IO to (`npm run gateway` listens there). */
const GATEWAY = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Bundle the contracts from TypeScript source: the lib has no Node imports.
    alias: { '@fleet/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)) },
  },
  server: {
    proxy: { '/socket.io': { target: GATEWAY, ws: true } },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
