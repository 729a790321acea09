import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@inv/winit', include: ['src/**/*.test.ts'] },
});
