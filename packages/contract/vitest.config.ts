import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@inv/contract', include: ['src/**/*.test.ts'] },
});
