import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@inv/winit-protocol', include: ['src/**/*.test.ts'] },
});
