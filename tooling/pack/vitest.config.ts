import { defineProject } from 'vitest/config';

export default defineProject({
  // Packing and installing seven packages takes a minute or more on a busy 2-core machine.
  test: { name: '@inv/pack-test', include: ['src/**/*.test.ts'], testTimeout: 600_000 },
});
