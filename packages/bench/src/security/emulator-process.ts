// The emulator in a process of its own, so that the client's figures (CPU, handles, timers) are its own.
import { startEmulator } from '@chatwire/emulator'

const emulator = await startEmulator({
  port: 0,
  tokenDelayMs: Number(process.argv[2] ?? 5),
  maxConcurrentStreams: 5000,
})
process.send?.({ url: emulator.url })
process.on('message', async () => {
  await emulator.close()
  process.exit(0)
})
