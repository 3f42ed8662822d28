import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { startEmulator } from '@chatwire/emulator'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const tsx = createRequire(import.meta.url).resolve('tsx/cli')
const example = fileURLToPath(new URL('./stream-openai.ts', import.meta.url))

interface Reply {
  model: string
  choices: { message: { content: string } }[]
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number }
}

/** What the emulator answers the prompt, asked with a bare fetch and no chatwire code. */
async function emulatorReply(prompt: string): Promise<Reply> {
  const emulator = await startEmulator({ port: 0, tokenDelayMs: 0 })
  try {
    const response = await fetch(`${emulator.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] }),
    })
    return (await response.json()) as Reply
  } finally {
    await emulator.close()
  }
}

describe('examples/stream-openai', () => {
  it('streams the reply through createOpenAI, then prints outcome, model, usage and request id', async () => {
    const prompt = 'count to 25'
    const { stdout } = await run(process.execPath, [
      tsx,
      '--conditions=@chatwire/source',
      example,
      '--prompt',
      prompt,
      '--delay',
      '0',
    ])
    const { model, choices, usage } = await emulatorReply(prompt)
    expect(choices[0]?.message.content).toMatch(/^1, 2, .*, 25\.$/)
    expect(stdout.split('\n')).toEqual([
      choices[0]?.message.content,
      '',
      'outcome:  stop',
      `model:    ${model}`,
      `usage:    ${usage.prompt_tokens} prompt + ${usage.completion_tokens} completion = ${usage.total_tokens} tokens`,
      expect.stringMatching(/^request: {2}[0-9a-f-]{36}$/),
      '',
    ])
  }, 60_000)

  it.each([
    [['--bogus'], "example: Unknown option '--bogus'"],
    [['--delay', 'abc'], 'example: --delay takes whole milliseconds, 0 or more'],
    [['--delay', '1.5'], 'example: --delay takes whole milliseconds, 0 or more'],
  ])(
    'a bad command line %j: one line on stderr, exit 2',
    async (args, message) => {
      const failure = await run(process.execPath, [
        tsx,
        '--conditions=@chatwire/source',
        example,
        ...args,
      ]).then(
        () => undefined,
        (error: { code: number; stdout: string; stderr: string }) => error,
      )
      expect(failure?.code).toBe(2)
      expect(failure?.stdout).toBe('')
      expect(failure?.stderr.split('\n')[0]).toBe(message)
      expect(failure?.stderr).not.toMatch(/\n\s+at /)
    },
    60_000,
  )
})
