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
console.log(`chatwire demo, talking to ${route.info.label}. Ctrl-C stops it.`)
console.log(url)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1)
    stopping = true
    void Promise.all([vite.close(), route.close()]).then(() => process.exit(0))
  })
}
