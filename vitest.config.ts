import { defineConfig } from 'vitest/config';

// One root run over every workspace project, so `pnpm test` ends with a single vitest summary.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tooling/*'],
  },
});
