import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The runnable contract suites, kept out of `pnpm test` (whose projects include only
// src/**/*.test.ts) and run by `pnpm contract`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: '@inv/contract:contract',
    include: ['contract/**/*.contract.ts'],
  },
});
