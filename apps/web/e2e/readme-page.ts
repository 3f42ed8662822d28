import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createServer } from 'vite'
import { createChatRoute } from '../server/chat-route.js'
import { nodeHandler } from '../server/node-handler.js'

const REPO = new URL('../../../', import.meta.url)

/** A README's example served as a page of its own, beside the demo's `/api/chat` on an emulator. */
export interface ReadmePage {
  url: string
  close(): Promise<void>
}

/** The first ```tsx block under the heading `## {heading}` of the README at `readme` (from the repository root). */
export function readmeExample(readme: string, heading: string): string {
  const text = readFileSync(new URL(readme, REPO), 'utf8')
  const start = text.indexOf(`\n## ${heading}\n`)
  const block = start < 0 ? undefined : /```tsx\n([\s\S]*?)```/.exec(text.slice(start))?.[1]
  if (block === undefined) throw new Error(`${readme} has no tsx block under "## ${heading}"`)
  return block
}

/**
 * Serves `code` (a module exporting the component `name`) as the page at the URL returned, rendered alone, with
 * Vite and the demo's route (`POST /api/chat` relayed to an emulator), as the README's route would be. The page's
 * files are written under `e2e/out/` (their imports resolve from the app's packages) and removed by `close()`.
 */
export async function serveExample(code: string, name: string): Promise<ReadmePage> {
  const root = fileURLToPath(new URL(`./out/example-${name}/`, import.meta.url))
  mkdirSync(root, { recursive: true })
  writeFileSync(`${root}example.tsx`, code)
  writeFileSync(
    `${root}main.tsx`,
    `import { createRoot } from 'react-dom/client'\nimport { ${name} } from './example.tsx'\n` +
      `createRoot(document.getElementById('root') as HTMLElement).render(<${name} />)\n`,
  )
  writeFileSync(
    `${root}index.html`,
    '<!doctype html><html lang="en"><body><div id="root"></div><script type="module" src="/main.tsx"></script></body></html>\n',
  )
  const route = await createChatRoute({ env: {} })
  const vite = await createServer({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    root,
    server: { port: 0, host: '127.0.0.1' },
    plugins: [
      {
        name: 'chatwire-example-api',
        configureServer(server) {
          server.middlewares.use(nodeHandler(route.handle))
        },
      },
    ],
  })
  await vite.listen()
  const address = vite.httpServer?.address()
  if (typeof address !== 'object' || address === null) throw new Error('Vite has no address')
  return {
    url: `http://127.0.0.1:${address.port}/`,
    async close() {
      await Promise.all([vite.close(), route.close()])
      rmSync(root, { recursive: true, force: true })
    },
  }
}
