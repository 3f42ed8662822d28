import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // The workspace packages are read from their TypeScript source, as in the tests: no build needed.
  resolve: { conditions: ['@chatwire/source'] },
  server: { hmr: false },
  clearScreen: false,
  logLevel: 'warn',
})
