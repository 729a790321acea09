import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@inv/kingdee-protocol', include: ['src/**/*.test.ts'] },
});
