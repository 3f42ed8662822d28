import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const tsx = createRequire(import.meta.url).resolve('tsx/cli')
const example = fileURLToPath(new URL('./stream-recorded.ts', import.meta.url))
const recording = fileURLToPath(new URL('./recorded/openai-text.sse', import.meta.url))

/** The reply text, read straight from the recording with no chatwire code. */
async function recordedText(): Promise<string> {
  const sse = await readFile(recording, 'utf8')
  let text = ''
  for (const line of sse.split('\n')) {
    if (!line.startsWith('data: {')) continue
    const chunk = JSON.parse(line.slice(6)) as { choices: { delta?: { content?: string | null } }[] }
    text += chunk.choices[0]?.delta?.content ?? ''
  }
  return text
}

describe('examples/stream-recorded', () => {
  it('prints the recorded reply as it streams, then its outcome, model and usage', async () => {
    const { stdout } = await run(process.execPath, [
      tsx,
      '--conditions=@chatwire/source',
      example,
      '--delay',
      '0',
    ])
    const text = await recordedText()
    expect(text.length).toBeGreaterThan(1000)
    expect(stdout.startsWith(text)).toBe(true)
    expect(stdout.slice(text.length).split('\n')).toEqual([
      '',
      '',
      'outcome: stop',
      'model:   gpt-4.1-nano-2025-04-14',
      expect.stringMatching(/^usage: {3}\{"prompt_tokens":16,"completion_tokens":300,"total_tokens":316,/),
      '',
    ])
  }, 30_000)
})
