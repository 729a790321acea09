import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The runnable contract suites, kept out of `pnpm test` (whose projects include only
// src/**/*.test.ts) and run by `pnpm contract`.
// biome-ignore lint/style/noDefaultExport: vitest reads the config from the default export.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: '@inv/contract:contract',
    include: ['contract/**/*.contract.ts'],
  },
});
