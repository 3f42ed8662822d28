import { defineConfig } from 'vitest/config'

// The benches measure chatwire as its users run it: the packages' built `dist`, loaded by Node itself as the peers
// are from node_modules, not through vitest's module transform (which turns every imported binding into a
// property read, and costs workspace code alone). `pnpm bench` builds the packages first (turbo's `^build`).
export default defineConfig({
  test: {
    benchmark: { include: ['src/**/*.bench.ts'] },
    server: { deps: { external: [/\/packages\/[^/]+\/dist\//, /\/apps\/[^/]+\/dist\//] } },
  },
})
