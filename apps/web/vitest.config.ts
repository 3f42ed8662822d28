import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { conditions: ['@chatwire/source'] },
  ssr: { resolve: { conditions: ['@chatwire/source'] } },
  test: {
    include: ['server/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A page waits for the emulator's tokens (25 ms apart): generous, for a loaded machine.
    expect: { poll: { timeout: 20_000, interval: 50 } },
  },
})
