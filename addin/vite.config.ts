import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Relative base: the API serves dist/ under /addin/ (or any other prefix) — taskpane.html, preview.html, admin.html, office-shim.js, config.json,
// assets/ for icons, bundle/ for hashed scripts and styles).
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'bundle',
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      input: {
        taskpane: resolve(import.meta.dirname, 'taskpane.html'),
        preview: resolve(import.meta.dirname, 'preview.html'),
        admin: resolve(import.meta.dirname, 'admin.html'),
      },
    },
  },
  test: {
    // Pure logic runs in node; DOM tests opt in with a `@vitest-environment happy-dom` comment.
    environment: 'node',
    include: ['test/**/*.test.ts'],
    pool: 'threads',
    poolOptions: { threads: { maxThreads: 2, minThreads: 1 } },
  },
});
