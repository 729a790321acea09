import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@inv/sandbox', include: ['src/**/*.test.ts'] },
});
