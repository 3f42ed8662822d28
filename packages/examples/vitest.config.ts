import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { conditions: ['@chatwire/source'] },
  ssr: { resolve: { conditions: ['@chatwire/source'] } },
  test: { include: ['src/**/*.test.ts'], benchmark: { include: ['src/**/*.bench.ts'] } },
})
