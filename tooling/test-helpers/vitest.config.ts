import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@inv/test-helpers',
    include: ['src/**/*.test.ts'],
    // Property tests and real-HTTP suites take seconds on a loaded 2-core machine; a timeout there
    // is not a failure of the behaviour under test. Speed targets live in bench/, not here.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
