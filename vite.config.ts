import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const api = { '/api': { target: 'http://127.0.0.1:3000' } };

export default defineConfig({
  root: fromRoot('./workspace'),
  // TSX is compiled for Preact through tsconfig.json's `jsxImportSource`, which Vite's transform reads.
  build: {
    outDir: fromRoot('./dist/workspace'),
    emptyOutDir: true,
    target: 'es2022',
    // ag-grid-community with all its community modules is ~1.1 MB minified; it is one chunk, loaded only
    // by pages with a grid. The limit sits just above it, so an unexpected new giant still warns.
    chunkSizeWarningLimit: 1400,
    rolldownOptions: {
      output: {
        // Vendor code changes rarely: separate chunks stay cached across releases of our own code.
        codeSplitting: {
          groups: [
            { name: 'ag-grid', test: /[\\/]node_modules[\\/]ag-grid-community[\\/]/, priority: 2 },
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
