import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@inv/kingdee', include: ['src/**/*.test.ts'] },
});
