import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@inv/reliability-tests', include: ['src/**/*.test.ts'] },
});
