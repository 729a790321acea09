import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@inv/pack-test',
    include: ['src/**/*.test.ts'],
    // Packing and installing every package takes a minute or more on a busy 2-core machine.
    testTimeout: 600_000,
    // Runs after every other project (lower groups first), so its npm install does not slow their
    // tests past their timeouts.
    sequence: { groupOrder: 1 },
  },
});
