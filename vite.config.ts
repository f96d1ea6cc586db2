import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { firstCatalogPlugin, firstScreenPlugin, scrollAreaWithoutFloatingUi } from './scripts/firstScreen.js';
import { precompressPlugin } from './scripts/precompress.js';

const api = 'http://127.0.0.1:3000';

/** The web client: built into dist/web, which the server serves with the SPA fallback. */
export default defineConfig({
  root: 'src/web',
  plugins: [react(), scrollAreaWithoutFloatingUi(), firstCatalogPlugin(), firstScreenPlugin(), precompressPlugin()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // The server's CSP is `script-src 'self'`: never inline the module preload polyfill.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api },
      // Shared notes (Hocuspocus). The server checks Origin against TAIWA_BASE_URL: set it to this dev server's URL.
      '/collaboration': { target: api, ws: true, changeOrigin: false },
    },
  },
});
