import { InvalidRequestError } from '@chatwire/core'
import { ChatRequestSchema } from '@chatwire/core/schema'
import { rejection } from '@chatwire/testkit'
import { afterEach, describe, expect, it } from 'vitest'
import { KNOWN_REQUEST_FIELDS } from './dialects/request-fields.js'
import { type Emulator, startEmulator } from './server.js'
import {
  AZURE_CHAT,
  AZURE_KEY,
  ask,
  CHAT,
  INFERENCE_CHAT,
  OPENAI_KEY,
  post,
  useEmulator,
} from './testing/client.js'
import { coreClient } from './testing/core-client.js'

const emulator = useEmulator()
const OPENAI_ROUTES = [
  ['openai', CHAT, OPENAI_KEY],
  ['azure-openai', AZURE_CHAT, AZURE_KEY],
] as const

describe.each(OPENAI_ROUTES)('unknown request fields on %s', (_dialect, path, headers) => {
  it("get OpenAI's 400, naming the field", async () => {
    const reply = await post(emulator.current, path, ask('Hi', { temprature: 1 }), headers)
    expect(reply.status).toBe(400)
    expect(reply.json().error).toMatchObject({
      message: expect.stringMatching(
        /^Unrecognized request argument supplied: temprature\. \(The emulator takes any field when started with strictRequests: false, or --loose-requests\.\)$/u,
      ),
      type: 'invalid_request_error',
      param: 'temprature',
    })
    const several = await post(emulator.current, path, ask('Hi', { max_token: 5, temprature: 1 }), headers)
    expect(several.json().error.message).toMatch(
      /^Unrecognized request arguments supplied: max_token, temprature\./u,
    )
  })

  it("pass when OpenAI, Azure or a compatible host knows them, as chatwire's adapters send them", async () => {
    const extras = {
      repetition_penalty: 1.05,
      top_k: 20,
      min_p: 0.05,
      verbosity: 'low',
      prompt_cache_key: 'faq',
      safety_identifier: 'user-1',
      reasoning: { effort: 'low' },
      chat_template_kwargs: { enable_thinking: false },
      data_sources: [],
      user_security_context: { application_name: 'app' },
      store: false,
      metadata: { a: 'b' },
      service_tier: 'auto',
    }
    const reply = await post(emulator.current, path, ask('Hi', extras), headers)
    expect([reply.status, reply.json().choices[0].message.content]).toEqual([200, 'You said: Hi'])
  })
})

describe('the known fields', () => {
  it("hold every field of core's request schema", () => {
    for (const name of Object.keys(ChatRequestSchema.pipe[0].entries))
      expect(KNOWN_REQUEST_FIELDS).toContain(name)
  })

  it('reach a chatwire client as an InvalidRequestError with the field as its path', async () => {
    const client = coreClient(emulator.current, 'openai', { maxRetries: 0 })
    // Not a literal: a misspelled field in a literal is already a compile error.
    const request = { messages: [{ role: 'user' as const, content: 'Hi' }], temprature: 1 }
    const error = await rejection<InvalidRequestError>(client.complete(request))
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect(error).toMatchObject({ status: 400, path: 'temprature' })
  })

  it('leave Model Inference to its extra-parameters header', async () => {
    const request = { messages: [{ role: 'user', content: 'Hi' }], temprature: 1 }
    const passed = await post(emulator.current, INFERENCE_CHAT, request, {
      ...AZURE_KEY,
      'extra-parameters': 'pass-through',
    })
    expect(passed.status).toBe(200)
    const refused = await post(emulator.current, INFERENCE_CHAT, request, AZURE_KEY)
    expect([refused.status, refused.json().code]).toEqual([422, 'extra_parameters_not_allowed'])
  })
})

describe('strictRequests: false', () => {
  let loose: Emulator | undefined
  afterEach(async () => {
    await loose?.close()
    loose = undefined
  })

  it('takes any field', async () => {
    loose = await startEmulator({ port: 0, tokenDelayMs: 0, strictRequests: false })
    for (const [, path, headers] of OPENAI_ROUTES) {
      const reply = await post(loose, path, ask('Hi', { temprature: 1, guided_whatever: true }), headers)
      expect(reply.status).toBe(200)
    }
  })
})
