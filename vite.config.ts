import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
// ws: the live co-review endpoint /api/sync/<doc> is a WebSocket upgrade
const api = { '/api': { target: 'http://127.0.0.1:3000', ws: true } };

export default defineConfig({
  root: fromRoot('./workspace'),
  // TSX is compiled for Preact through tsconfig.json's `jsxImportSource`, which Vite's transform reads.
  build: {
    outDir: fromRoot('./dist/workspace'),
    emptyOutDir: true,
    target: 'es2022',
    // ag-grid-community with all its community modules is ~1.1 MB minified, Handsontable with HyperFormula ~1.6 MB;
    // each is one chunk, loaded only by pages with such a grid. The limit sits just above the larger, so an
    // unexpected new giant still warns.
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      // the service worker is its own entry, at the site's root so that its scope is the whole workspace
      input: { index: fromRoot('./workspace/index.html'), sw: fromRoot('./workspace/src/offline/sw.ts') },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
        // Vendor code changes rarely: separate chunks stay cached across releases of our own code.
        codeSplitting: {
          groups: [
            { name: 'ag-grid', test: /[\\/]node_modules[\\/]ag-grid-community[\\/]/, priority: 2 },
            // the standards sheets' grid and engine (~1.6 MB): only the Стандарты page loads them
            { name: 'handsontable', test: /[\\/]node_modules[\\/](handsontable|hyperformula|@handsontable)[\\/]/, priority: 2 },
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: { proxy: api },
  preview: { proxy: api },
  worker: { format: 'es' },
});
