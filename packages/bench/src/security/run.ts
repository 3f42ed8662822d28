// Every security and robustness measurement, each in a process of its own; prints their markdown tables for
// SECURITY.md. Run: pnpm --filter @chatwire/bench security
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const SCRIPTS = [
  ['Secrets and bad inputs', 'secrets-and-inputs.ts'],
  ['Hostile servers', 'hostile-servers.ts'],
  ['1,000 concurrent streams', 'concurrent-streams.ts'],
  ['Aborts at every stage', 'abort-stages.ts'],
] as const

for (const [title, script] of SCRIPTS) {
  console.log(`\n### ${title}\n`)
  const file = fileURLToPath(new URL(`./${script}`, import.meta.url))
  const code = await new Promise<number | null>((resolve) => {
    fork(file, [], { execArgv: process.execArgv, stdio: 'inherit' }).on('exit', resolve)
  })
  if (code !== 0) {
    console.error(`${script} exited with ${code}`)
    process.exitCode = 1
  }
}
