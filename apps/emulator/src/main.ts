#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { FAULTS } from './faults/catalog.js'
import { ROUTES } from './routes.js'
import { startEmulator } from './server.js'

const HELP = `chatwire emulator: a local chat-completions server (OpenAI, Azure OpenAI, Azure AI Model Inference)

Usage: npx @chatwire/emulator [--port 4141] [--host 127.0.0.1] [--token-delay-ms 20] [--latency-ms 0]
                             [--fault NAME[;key=value…]] [--key KEY]… [--quiet]
       (pnpm emulator in the chatwire repository)
Environment: PORT sets the port when --port is not given.`

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'token-delay-ms': { type: 'string', default: '20' },
    'latency-ms': { type: 'string', default: '0' },
    fault: { type: 'string' },
    key: { type: 'string', multiple: true },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
})

if (values.help) {
  console.log(HELP)
  process.exit(0)
}

const port = Number(values.port ?? process.env.PORT ?? 4141)
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`Not a port: ${values.port ?? process.env.PORT}\n\n${HELP}`)
  process.exit(1)
}

const emulator = await startEmulator({
  port,
  host: values.host,
  tokenDelayMs: Number(values['token-delay-ms']),
  latencyMs: Number(values['latency-ms']),
  ...(values.fault === undefined ? {} : { faults: values.fault }),
  ...(values.key === undefined ? {} : { keys: values.key }),
  ...(values.quiet ? {} : { log: (line: string) => console.log(line) }),
})

console.log(`chatwire emulator listening on ${emulator.url}\n`)
console.log('Routes:')
for (const route of ROUTES) console.log(`  ${route}`)
console.log(`\nFaults (header "x-emulator-fault: NAME;key=value" or "[[fault:NAME]]" in a message):`)
console.log(`  ${Object.keys(FAULTS).join(', ')}`)
console.log(`\nTry: curl ${emulator.url}/v1/chat/completions -H 'authorization: Bearer sk-test' \\`)
console.log(
  `       -H 'content-type: application/json' -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello there"}]}'`,
)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1)
    stopping = true
    console.log(`\n${signal}: closing…`)
    void emulator.close().then(() => process.exit(0))
  })
}
