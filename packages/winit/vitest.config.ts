import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@inv/winit',
    include: ['src/**/*.test.ts'],
    // A real sandbox for the contract tests (src/sandbox.test.ts), started once per run.
    globalSetup: ['../../tooling/vitest/sandbox-global-setup.ts'],
  },
});
