import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { conditions: ['@chatwire/source'] },
  ssr: { resolve: { conditions: ['@chatwire/source'] } },
  test: { include: ['server/**/*.test.ts', 'e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
})
