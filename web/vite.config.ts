import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The client is built into dist/web, beside the compiled server, which serves it at `/`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // No dev-only plugin is needed for a production build: Vite's own transform compiles the JSX.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Every file is a same-origin, hashed request: nothing is inlined into the page (the CSP allows no inline code).
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
});
