import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { conditions: ['@chatwire/source'] },
  ssr: { resolve: { conditions: ['@chatwire/source'] } },
  test: {
    // A safety net for a loaded machine, not a speed check: no test asserts how long it takes.
    testTimeout: 30_000,
    include: ['src/**/*.test.ts'],
  },
})
