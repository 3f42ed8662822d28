import { fileURLToPath } from 'node:url'
import { ConfigError } from '@chatwire/cli/service'
import { createServer } from 'vite'
import { createChatRoute } from './chat-route.js'
import { nodeHandler } from './node-handler.js'

// `pnpm demo`: the emulator (unless the environment names a service) and the page, in one process.
const port = Number(process.env.PORT ?? 5173)
let route: Awaited<ReturnType<typeof createChatRoute>>
try {
  route = await createChatRoute({ env: process.env })
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  console.error(`chatwire demo: ${error.message}`)
  process.exit(3)
}
const signalListeners = new Set(process.listeners('SIGTERM'))
const vite = await createServer({
  configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  // PORT=0 takes a free port (the tests); a PORT given is kept or the demo stops, 5173 may move on.
  server: { port, host: '127.0.0.1', strictPort: process.env.PORT !== undefined },
  plugins: [
    {
      name: 'chatwire-demo-api',
      configureServer(server) {
        server.middlewares.use(nodeHandler(route.handle))
      },
    },
  ],
})
await vite.listen()
const address = vite.httpServer?.address()
const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : port}/`

// Vite's own SIGTERM listener exits with 143 before the emulator closed: this one closes both, then exits 0.
for (const listener of process.listeners('SIGTERM'))
  if (!signalListeners.has(listener)) process.off('SIGTERM', listener)
// A Ctrl-C reaches both pnpm and this process, and pnpm forwards its copy: a repeat within a second is that
// copy; a later one forces the exit.
let stoppingAt: number | undefined
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stoppingAt !== undefined) {
      if (Date.now() - stoppingAt > 1000) process.exit(1)
      return
    }
    stoppingAt = Date.now()
    void Promise.all([vite.close(), route.close()]).then(() => process.exit(0))
  })
}

// After the listeners: whoever reads the URL may signal at once.
console.log(`chatwire demo, talking to ${route.info.label}. Ctrl-C stops it.`)
console.log(url)
