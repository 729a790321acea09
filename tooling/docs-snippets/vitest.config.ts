import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@inv/docs-snippets',
    include: ['src/**/*.test.ts'],
    // A snippet is a Node or bash process against a real sandbox (the contract ones run vitest
    // themselves): seconds each on a loaded 2-core machine. Speed targets live in bench/.
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
