import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@inv/cli', include: ['src/**/*.test.ts'] },
});
