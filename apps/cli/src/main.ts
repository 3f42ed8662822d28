import { listenForCtrlC } from './ctrl-c.js'

// Listening before the rest of the CLI loads (most of its start-up): a Ctrl-C from here on is a stop that the
// CLI reports, `[stopped]` and exit 130, even one that came before the reply began; not a death by the signal.
const ctrlC = listenForCtrlC()
const { run } = await import('./run.js')
process.exit(await run(process.argv.slice(2), ctrlC))
