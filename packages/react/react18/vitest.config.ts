import { createRequire } from 'node:module'
import { defineConfig } from 'vitest/config'

// The tests of @chatwire/react, run a second time on React 18: `react`, `react-dom` and Testing Library resolve
// from this folder's packages, where every one of them (and what they import) is the React 18 build.
const here = createRequire(import.meta.url)
const on18 = (name: string) => ({ find: new RegExp(`^${name}$`), replacement: here.resolve(name) })

export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  resolve: {
    conditions: ['@chatwire/source'],
    alias: [
      'react',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      'react-dom',
      'react-dom/client',
      'react-dom/server',
      '@testing-library/react',
    ].map(on18),
  },
  ssr: { resolve: { conditions: ['@chatwire/source'] } },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['src/test/setup.ts'],
    testTimeout: 60_000,
    env: { CHATWIRE_REACT: '18' },
  },
})
