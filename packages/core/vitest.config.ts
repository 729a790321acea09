import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@inv/core', include: ['src/**/*.test.ts'] },
});
