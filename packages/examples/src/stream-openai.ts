// The client a user calls, on the emulator started in-process: `createOpenAI` streams a reply, printed as it
// arrives, then its outcome, model, usage and request id. No key or network needed.
//
//   pnpm example                                   (from the repository root)
//   pnpm example --prompt "count to 50" --delay 5  (another question; ms between chunks)
import { parseArgs } from 'node:util'
import type { ChatMessage } from '@chatwire/core'
import { startEmulator } from '@chatwire/emulator'
import { createOpenAI } from '@chatwire/openai'

const { prompt, delay } = readCommandLine(process.argv.slice(2))

const emulator = await startEmulator({ port: 0, tokenDelayMs: delay })
try {
  // The emulator speaks OpenAI's /v1 dialect and takes any key; a real service needs only another baseURL.
  const openai = createOpenAI({ apiKey: 'sk-example', baseURL: `${emulator.url}/v1` })
  const messages: ChatMessage[] = [{ role: 'user', content: prompt }]

  const stream = openai.stream({ model: 'gpt-4o-mini', messages, stream_options: { include_usage: true } })
  for await (const event of stream) if (event.type === 'content.delta') process.stdout.write(event.delta)
  const { outcome, completion, requestId } = await stream.final()

  process.stdout.write('\n\n')
  console.log(`outcome:  ${outcome.type}${outcome.type === 'error' ? ` (${outcome.error.message})` : ''}`)
  console.log(`model:    ${completion.model}`)
  const { usage } = completion
  if (usage) {
    const { prompt_tokens, completion_tokens, total_tokens } = usage
    console.log(
      `usage:    ${prompt_tokens} prompt + ${completion_tokens} completion = ${total_tokens} tokens`,
    )
  }
  console.log(`request:  ${requestId ?? 'none'}`)
  if (outcome.type === 'error') process.exitCode = 1
} finally {
  await emulator.close()
}

/** `--prompt` and `--delay`, or (on a bad command line) one line on stderr and exit code 2. */
function readCommandLine(args: string[]): { prompt: string; delay: number } {
  try {
    const { values } = parseArgs({
      args,
      options: {
        prompt: { type: 'string', default: 'Hello! Please stream this reply back to me, piece by piece.' },
        delay: { type: 'string', default: '40' },
      },
    })
    const delay = /^\d+$/.test(values.delay) ? Number(values.delay) : Number.NaN
    if (Number.isNaN(delay)) throw new Error('--delay takes whole milliseconds, 0 or more')
    return { prompt: values.prompt, delay }
  } catch (error) {
    // Node's first sentence names the option ("Unknown option '--bogus'"); the rest is hints about dashes.
    const [sentence] = (error as Error).message.split(/\.(?:\s|$)/u)
    process.stderr.write(`example: ${sentence}\nOptions: --prompt <text>, --delay <ms>\n`)
    process.exit(2)
  }
}
