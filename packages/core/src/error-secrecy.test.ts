// No error of the engine quotes what the model or the user wrote: a secret planted in content, reasoning,
// refusal and tool arguments, then every way a stream can fail, and the secret must appear in no message,
// stack, JSON or inspection of the error, nor in the relay's error frame. Only `error.partial` may hold it.
import { inspect } from 'node:util'
import { toReadableStream } from '@chatwire/testkit'
import { describe, expect, it } from 'vitest'
import { accumulate } from './accumulate.js'
import { createFrameWriter } from './client/sse-frames.js'
import { decodeSSE, type SSELimits } from './decode-sse.js'
import { ChatError } from './errors.js'
import { outcome } from './outcome.js'
import { readChunks } from './read-chunks.js'
import type { ChatCompletion } from './schema/response.js'

const SECRET = 'sk-SECRET-7f3a9c'

const head = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'm' }
const frame = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`
const delta = (fields: object, choice: object = {}) =>
  frame({ ...head, choices: [{ index: 0, delta: fields, ...choice }] })

/** Chunks that put the secret in every place the model writes. */
const planted =
  delta({ role: 'assistant', reasoning_content: `thinking about ${SECRET}` }) +
  delta({ content: `the answer is ${SECRET}` }) +
  delta({ refusal: `no, ${SECRET}` }) +
  delta({ tool_calls: [{ index: 0, id: 'call_1', function: { name: 'f', arguments: `{"key":"${SECRET}` } }] })

/** Every way the engine fails after the planted chunks, as the bad frame (and limits) that cause it. */
const failures: [name: string, bad: string, limits?: SSELimits][] = [
  ['JSON that does not parse', `data: {"content": "${SECRET}\n\n`],
  ['JSON cut short', `data: {"choices":[{"delta":{"content":"${SECRET}"}}\n\n`],
  ['[DONE] followed by more', `data: [DONE]${SECRET}\n\n`],
  ['a payload that is a string', `data: ${JSON.stringify(SECRET)}\n\n`],
  ['choices that are not an array', frame({ ...head, choices: SECRET })],
  ['a choice that is not an object', frame({ ...head, choices: [SECRET] })],
  ['a delta that is not an object', frame({ ...head, choices: [{ index: 0, delta: SECRET }] })],
  ['content that is an object', delta({ content: { [SECRET]: SECRET } })],
  ['refusal that is not a string', delta({ refusal: [SECRET] })],
  ['reasoning that is not a string', delta({ reasoning_content: { text: SECRET } })],
  ['a tool call that is not an object', delta({ tool_calls: [SECRET] })],
  ['tool arguments that are a number', delta({ tool_calls: [{ index: 0, function: { arguments: 42 } }] })],
  [
    'a tool call name that is not a string',
    delta({ tool_calls: [{ index: 0, function: { name: [SECRET] } }] }),
  ],
  ['a tool call id that is not a string', delta({ tool_calls: [{ index: 0, id: { SECRET } }] })],
  ['audio that is not an object', delta({ audio: SECRET })],
  ['logprobs that are not an object', delta({}, { logprobs: SECRET })],
  ['a finish_reason that is not a string', delta({}, { finish_reason: { SECRET } })],
  ['a choice index that is a string', frame({ ...head, choices: [{ index: SECRET, delta: {} }] })],
  ['a negative choice index', frame({ ...head, choices: [{ index: -1, delta: { content: SECRET } }] })],
  ['a tool call index that is a string', delta({ tool_calls: [{ index: SECRET }] })],
  ['a huge tool call index', delta({ tool_calls: [{ index: 1e9, function: { arguments: SECRET } }] })],
  ['an event: error frame', `event: error\ndata: {"error":{"message":"upstream failed","code":"x"}}\n\n`],
  ['an event: error frame of plain text', 'event: error\ndata: upstream failed\n\n'],
  ['an error payload', frame({ error: { message: 'overloaded', type: 'server_error', status: 503 } })],
  ['a line over the limit', `data: "${SECRET}${'x'.repeat(2000)}"\n\n`, { maxLineLength: 1000 }],
  ['an event over the limit', `${`data: ${SECRET}\n`.repeat(100)}\n`, { maxEventLength: 1000 }],
]

/** Every text a log or a relay could show of an error, apart from its partial completion. */
function shownOf(error: ChatError): Record<string, string> {
  return {
    message: error.message,
    stack: String(error.stack),
    json: JSON.stringify(error),
    inspect: inspect(error),
    relayFrame: new TextDecoder().decode(createFrameWriter().error(error)),
  }
}

async function failureOf(text: string, limits?: SSELimits): Promise<ChatError> {
  const bytes = new TextEncoder().encode(text)
  const error = await accumulate(readChunks(decodeSSE(toReadableStream([bytes]), limits))).then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(ChatError)
  return error as ChatError
}

describe('errors never quote what the model or the user wrote', () => {
  it.each(failures)('%s: the error keeps the partial but says nothing of it', async (_name, bad, limits) => {
    const error = await failureOf(planted + bad, limits)
    for (const [where, text] of Object.entries(shownOf(error))) {
      expect({ where, quotes: text.includes(SECRET) }).toEqual({ where, quotes: false })
    }
    // The partial is the caller's to keep: it holds what came before the fault.
    expect(JSON.stringify(error.partial)).toContain(SECRET)
  })

  it('outcome() on odd shapes throws nothing and quotes nothing outside the completion', () => {
    const odd = (choice: object) =>
      ({ ...head, object: 'chat.completion', choices: [choice] }) as ChatCompletion
    const replies = [
      odd({ index: 0, message: { content: SECRET } }),
      odd({ index: 0, finish_reason: { SECRET }, message: { content: SECRET } }),
      odd({
        index: 0,
        finish_reason: 'tool_calls',
        message: { tool_calls: [{ function: { arguments: `{${SECRET}` } }] },
      }),
      odd({
        index: 0,
        finish_reason: 'tool_calls',
        message: { function_call: { name: 'f', arguments: SECRET } },
      }),
      odd({ index: 0, finish_reason: 'error', message: { content: SECRET } }),
      { ...head, object: 'chat.completion', choices: SECRET } as unknown as ChatCompletion,
    ]
    for (const completion of replies) {
      const { completion: _kept, ...result } = outcome({ completion })
      const error = result.type === 'error' ? result.error : undefined
      const parseErrors = result.type === 'tool_calls' ? result.calls.map((call) => call.parseError) : []
      expect(JSON.stringify([result.type, parseErrors])).not.toContain(SECRET)
      if (error !== undefined)
        for (const text of Object.values(shownOf(error))) expect(text).not.toContain(SECRET)
    }
  })
})
