import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // The end-to-end tests start the bundles as child processes.
    testTimeout: 30_000,
    restoreMocks: true
  }
})
