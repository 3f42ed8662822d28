import { describe, expect, it } from 'vitest'
import { AZURE_KEY, ask, CHAT, INFERENCE_CHAT, post, useEmulator } from './testing/client.js'

const emulator = useEmulator()

// What a client may send in a name's place: a user's text, or a key pasted into the wrong field.
const PASTED = 'my card number is 4111 1111 1111 1111, keep it secret'
const LONG = 'm'.repeat(65)

/** The whole reply as text: the body and every header. */
function everything(reply: { text: string; headers: Headers }): string {
  return `${reply.text}\n${[...reply.headers].join('\n')}`
}

describe('names a client sent, in the errors that name them', () => {
  it.each([PASTED, LONG])('a model named %#: not quoted, in either dialect', async (name) => {
    const openai = await post(emulator.current, CHAT, ask('Hi', { model: name }))
    expect(openai.status).toBe(404)
    expect(openai.json().error.message).toBe(
      'The model given does not exist or you do not have access to it.',
    )
    const inference = await post(emulator.current, INFERENCE_CHAT, ask('Hi', { model: name }), AZURE_KEY)
    expect(inference.status).toBe(404)
    expect(inference.json().error.message).toBe('Unknown model (the name given is not shown)')
    for (const reply of [openai, inference]) expect(everything(reply)).not.toContain(name)
  })

  it('a plain model name is quoted, as the services do', async () => {
    const reply = await post(emulator.current, CHAT, ask('Hi', { model: 'meta-llama/Llama-3.1-8B:ft' }))
    expect(reply.json().error.message).toBe(
      'The model `meta-llama/Llama-3.1-8B:ft` does not exist or you do not have access to it.',
    )
  })

  it('unknown fields: the plain ones named, the others counted', async () => {
    const reply = await post(emulator.current, CHAT, ask('Hi', { temprature: 1, [PASTED]: 1 }))
    expect(reply.status).toBe(400)
    expect(reply.json().error).toMatchObject({
      message: expect.stringMatching(
        /^Unrecognized request arguments supplied: temprature, 1 more whose name is not shown\./u,
      ),
      param: 'temprature',
    })
    expect(everything(reply)).not.toContain(PASTED)
  })

  it('extra parameters Model Inference refuses, and an extra-parameters value it does not know', async () => {
    const extra = await post(
      emulator.current,
      INFERENCE_CHAT,
      ask('Hi', { top_k: 3, [PASTED]: 1 }),
      AZURE_KEY,
    )
    expect(extra.status).toBe(422)
    expect(extra.json().message).toMatch(/^Extra parameters \['top_k', 1 more whose name is not shown\]/u)
    const mode = await post(emulator.current, INFERENCE_CHAT, ask('Hi'), {
      ...AZURE_KEY,
      'extra-parameters': PASTED,
    })
    expect(mode.status).toBe(400)
    expect(mode.json().message).toBe(
      "Unexpected extra-parameters option; expected one of 'error', 'drop', 'pass-through'.",
    )
    for (const reply of [extra, mode]) expect(everything(reply)).not.toContain(PASTED)
  })
})
