import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Launching Chromium in a beforeAll can take longer than the 10 s default on a loaded machine.
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
