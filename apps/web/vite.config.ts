import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // The workspace packages are read from their TypeScript source, as in the tests: no build needed.
  resolve: { conditions: ['@chatwire/source'] },
  server: { hmr: false },
  // Bundled at start, so that the first page load does not find them and reload.
  optimizeDeps: {
    include: [
      'react',
      'react-dom',
      'react-dom/client',
      'react/jsx-dev-runtime',
      '@chatwire/core > ts-pattern',
      'valibot',
      '@valibot/to-json-schema',
    ],
  },
  clearScreen: false,
  logLevel: 'warn',
})
