import { defineConfig } from 'vitest/config'

// The tests run inside an edge runtime's VM (`@edge-runtime/vm`: web globals only, no `process`, no Node
// built-ins); the emulator they talk to runs in Node, started by the global setup, which passes its URL on.
export default defineConfig({
  resolve: { conditions: ['@chatwire/source'] },
  ssr: { resolve: { conditions: ['@chatwire/source'] } },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'edge-runtime',
    pool: 'vmThreads',
    globalSetup: ['./src/emulator-setup.ts'],
  },
})
