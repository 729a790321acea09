import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@inv/testing', include: ['src/**/*.test.ts'] },
});
