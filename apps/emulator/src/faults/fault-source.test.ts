import { InvalidRequestError } from '@chatwire/core'
import { rejection } from '@chatwire/testkit'
import { afterEach, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../server.js'
import { AZURE_KEY, CHAT, INFERENCE_CHAT, OPENAI_KEY, post, useEmulator } from '../testing/client.js'
import { coreClient } from '../testing/core-client.js'

const emulator = useEmulator()
const conversation = (last: string) => ({
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello' },
    { role: 'user', content: last },
  ],
})

describe('a bad fault is reported where it was written', () => {
  it('in a [[fault:…]] phrase: the path of the message that holds it', async () => {
    const reply = await post(emulator.current, CHAT, conversation('Hi [[fault:rate_limt]]'), OPENAI_KEY)
    expect(reply.status).toBe(400)
    expect(reply.json().error).toMatchObject({
      param: 'messages[3].content',
      message: expect.stringMatching(/^Unknown emulator fault 'rate_limt'\. Known faults: /u),
    })
    const parts = await post(
      emulator.current,
      CHAT,
      {
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: [{ type: 'text', text: '[[fault:cut;after=x]]' }] }],
      },
      OPENAI_KEY,
    )
    expect(parts.json().error.param).toBe('messages[0].content')
  })

  it("in Model Inference's flat body, as the loc of the message", async () => {
    const { model: _model, ...request } = conversation('[[fault:slow;ms=soon]]')
    const reply = await post(emulator.current, INFERENCE_CHAT, request, AZURE_KEY)
    expect(reply.status).toBe(422)
    expect(reply.json().detail).toMatchObject({ loc: ['body', 'messages', 3, 'content'] })
  })

  it('reaches a chatwire client as an InvalidRequestError with that path', async () => {
    const client = coreClient(emulator.current, 'openai', { maxRetries: 0 })
    const error = await rejection<InvalidRequestError>(
      client.complete({ messages: [{ role: 'user', content: 'Hi [[fault:nope]]' }] }),
    )
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect(error.path).toBe('messages[0].content')
  })

  it('in the header: x-emulator-fault, even when a phrase is there too', async () => {
    const reply = await post(emulator.current, CHAT, conversation('[[fault:nope]]'), {
      ...OPENAI_KEY,
      'x-emulator-fault': 'cut;after=x',
    })
    expect(reply.json().error.param).toBe('x-emulator-fault')
  })
})

describe("a server's bad fault", () => {
  let server: Emulator | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  it('names no request field: the request did not choose it', async () => {
    server = await startEmulator({ port: 0, faults: () => 'slow;ms=soon' })
    const reply = await post(server, CHAT, conversation('Hi'), OPENAI_KEY)
    expect(reply.status).toBe(400)
    expect(reply.json().error).toMatchObject({
      param: null,
      message: 'The ms parameter of the emulator fault slow takes a number ≥ 0.',
    })
  })
})
