import { describe, expect, it } from 'vitest'
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
import { chunksOf, parseEvents, streamedText } from './testing/sse.js'

const emulator = useEmulator()

const ROUTES = [
  { dialect: 'openai', path: CHAT, headers: OPENAI_KEY, model: { model: 'gpt-4o-mini' } },
  { dialect: 'azure-openai', path: AZURE_CHAT, headers: AZURE_KEY, model: {} },
  { dialect: 'model-inference', path: INFERENCE_CHAT, headers: AZURE_KEY, model: {} },
] as const

const messages = [{ role: 'user', content: 'one two three four' }]
const hi = (extra: Record<string, unknown> = {}) => ({ model: 'gpt-4o-mini', messages, ...extra })
const withFault = (fault: string, headers: Record<string, string> = OPENAI_KEY) => ({
  ...headers,
  'x-emulator-fault': fault,
})

describe.each(ROUTES)('error faults on $dialect', ({ path, headers, model }) => {
  const hi = (extra: Record<string, unknown> = {}) => ({ ...model, messages, ...extra })

  it('rate_limit: 429 with a retry hint in headers and message', async () => {
    const reply = await post(
      emulator.current,
      path,
      hi(),
      withFault('rate_limit;retry_after_ms=1500', headers),
    )
    expect(reply.status).toBe(429)
    expect(reply.headers.get('retry-after')).toBe('2')
    expect(reply.headers.get('x-emulator-fault')).toBe('rate_limit;retry_after_ms=1500')
    expect(reply.text).toMatch(/1\.5s|2 seconds/)
  })

  it('server_error and html_error', async () => {
    const json = await post(emulator.current, path, hi(), withFault('server_error;status=503', headers))
    expect(json.status).toBe(503)
    expect(json.headers.get('content-type')).toBe('application/json')
    const html = await post(emulator.current, path, hi(), withFault('html_error', headers))
    expect(html.status).toBe(502)
    expect(html.headers.get('content-type')).toBe('text/html')
    expect(html.text).toContain('<h1>502 Bad Gateway</h1>')
  })

  it('unauthorized and not_found', async () => {
    expect((await post(emulator.current, path, hi(), withFault('unauthorized', headers))).status).toBe(401)
    expect((await post(emulator.current, path, hi(), withFault('not_found', headers))).status).toBe(404)
  })

  it('content_filter_prompt: 400 with code content_filter', async () => {
    const reply = await post(
      emulator.current,
      path,
      hi(),
      withFault('content_filter_prompt;category=violence', headers),
    )
    expect(reply.status).toBe(400)
    expect(reply.json().error.code).toBe('content_filter')
  })

  it('content_filter_completion: the text cut with finish_reason content_filter, streamed or not', async () => {
    const fault = withFault('content_filter_completion;after=2', headers)
    const whole = (await post(emulator.current, path, hi(), fault)).json()
    expect(whole.choices[0]).toMatchObject({
      finish_reason: 'content_filter',
      message: { content: 'You said' },
    })
    const chunks = chunksOf((await post(emulator.current, path, hi({ stream: true }), fault)).text)
    expect(streamedText(chunks)).toEqual(['You said'])
    expect(chunks.some((chunk) => chunk.choices[0]?.finish_reason === 'content_filter')).toBe(true)
  })
})

describe('Azure fault bodies', () => {
  it('content_filter_prompt carries innererror.content_filter_result', async () => {
    const reply = await post(
      emulator.current,
      AZURE_CHAT,
      hi(),
      withFault('content_filter_prompt;category=jailbreak', AZURE_KEY),
    )
    expect(reply.json().error).toMatchObject({
      code: 'content_filter',
      param: 'prompt',
      status: 400,
      innererror: {
        code: 'ResponsibleAIPolicyViolation',
        content_filter_result: {
          jailbreak: { filtered: true, detected: true },
          hate: { filtered: false, severity: 'safe' },
        },
      },
    })
    const variant = await post(
      emulator.current,
      AZURE_CHAT,
      hi(),
      withFault('content_filter_prompt;variant=inner_error', AZURE_KEY),
    )
    expect(variant.json().error.inner_error.content_filter_results.hate).toEqual({
      filtered: true,
      severity: 'high',
    })
  })

  it('content_filter_completion marks the filtered category on the finish chunk', async () => {
    const fault = withFault('content_filter_completion;after=1;category=sexual', AZURE_KEY)
    const chunks = chunksOf((await post(emulator.current, AZURE_CHAT, hi({ stream: true }), fault)).text)
    const finish = chunks.find((chunk) => chunk.choices[0]?.finish_reason === 'content_filter')
    expect(finish?.choices[0].content_filter_results.sexual).toEqual({ filtered: true, severity: 'high' })
  })

  it('rate_limit sends x-ms-retry-after-ms and the words Azure uses', async () => {
    const reply = await post(
      emulator.current,
      AZURE_CHAT,
      hi(),
      withFault('rate_limit;retry_after=3', AZURE_KEY),
    )
    expect(reply.headers.get('x-ms-retry-after-ms')).toBe('3000')
    expect(reply.json().error).toMatchObject({
      code: '429',
      message: expect.stringContaining('Please retry after 3 seconds'),
    })
  })

  it('any fault can carry x-should-retry', async () => {
    const reply = await post(emulator.current, CHAT, hi(), withFault('server_error;should_retry=false'))
    expect([reply.status, reply.headers.get('x-should-retry')]).toEqual([500, 'false'])
  })

  it('rate_limit can send one chosen header, or none', async () => {
    const only = await post(
      emulator.current,
      CHAT,
      hi(),
      withFault('rate_limit;retry_after_ms=250;header=retry-after-ms'),
    )
    expect([only.headers.get('retry-after-ms'), only.headers.get('retry-after')]).toEqual(['250', null])
    const none = await post(emulator.current, CHAT, hi(), withFault('rate_limit;header=none'))
    expect([none.headers.get('retry-after-ms'), none.headers.get('retry-after')]).toEqual([null, null])
  })
})

describe('stream faults', () => {
  const stream = (fault: string) =>
    post(emulator.current, CHAT, ask('one two three four', { stream: true }), withFault(fault))

  it('no_done: the whole stream with its finish, but no [DONE]', async () => {
    const events = parseEvents((await stream('no_done')).text)
    expect(events.at(-1)?.data).not.toBe('[DONE]')
    expect(JSON.parse(events.at(-1)?.data ?? '{}').choices[0].finish_reason).toBe('stop')
  })

  it('cut: ends cleanly after N frames, without finish or [DONE]', async () => {
    const events = parseEvents((await stream('cut;after=3')).text)
    expect(events).toHaveLength(3)
    expect(events.every((event) => !event.data.includes('finish_reason":"stop'))).toBe(true)
  })

  it('malformed_json: one broken frame, the rest intact', async () => {
    const events = parseEvents((await stream('malformed_json;after=2')).text)
    expect(() => JSON.parse(events[2]?.data ?? '')).toThrow()
    expect(
      events
        .filter((_, i) => i !== 2 && events[i]?.data !== '[DONE]')
        .every((event) => JSON.parse(event.data)),
    ).toBe(true)
    expect(events.at(-1)?.data).toBe('[DONE]')
  })

  it('error_event and error_payload: an error frame after N frames, then the end', async () => {
    const named = parseEvents((await stream('error_event;after=2')).text)
    expect(named).toHaveLength(3)
    expect(named[2]?.event).toBe('error')
    expect(JSON.parse(named[2]?.data ?? '').error.type).toBe('server_error')
    const plain = parseEvents((await stream('error_payload;after=1')).text)
    expect(plain).toHaveLength(2)
    expect(plain[1]).toMatchObject({ event: undefined })
    expect(JSON.parse(plain[1]?.data ?? '')).toHaveProperty('error')
  })

  it('reset: the connection drops before any header', async () => {
    await expect(stream('reset')).rejects.toThrow(TypeError)
  })

  it('reset_mid_stream: headers and some frames, then the connection drops', async () => {
    const response = await fetch(`${emulator.current.url}${CHAT}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...withFault('reset_mid_stream;after=2') },
      body: JSON.stringify(ask('one two three four', { stream: true })),
    })
    expect(response.status).toBe(200)
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    let received = ''
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) return
          received += decoder.decode(value, { stream: true })
        }
      })(),
    ).rejects.toThrow()
    expect(parseEvents(received)).toHaveLength(2)
  })

  it('stall: headers, then silence until the bound, then a reset', async () => {
    const started = Date.now()
    const response = await fetch(`${emulator.current.url}${CHAT}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...withFault('stall;after=1;ms=300') },
      body: JSON.stringify(ask('Hi', { stream: true })),
    })
    expect(response.status).toBe(200)
    await expect(response.text()).rejects.toThrow()
    expect(Date.now() - started).toBeGreaterThanOrEqual(250)
  })

  it('stall ends as soon as the client leaves', async () => {
    const controller = new AbortController()
    const response = await fetch(`${emulator.current.url}${CHAT}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...withFault('stall') },
      body: JSON.stringify(ask('Hi', { stream: true })),
      signal: controller.signal,
    })
    expect(response.status).toBe(200)
    controller.abort()
    await expect(response.text()).rejects.toThrow()
  })

  it('latency and slow delay the first byte and the chunks', async () => {
    let started = Date.now()
    await stream('latency;ms=150')
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    started = Date.now()
    await stream('slow;ms=30')
    expect(Date.now() - started).toBeGreaterThanOrEqual(7 * 30 - 10)
  })
})

describe('non-streamed replies under stream faults', () => {
  it('malformed_json sends half a body; reset_mid_stream drops the connection', async () => {
    const half = await post(emulator.current, CHAT, ask('Hi'), withFault('malformed_json'))
    expect(half.status).toBe(200)
    expect(() => JSON.parse(half.text)).toThrow()
    await expect(post(emulator.current, CHAT, ask('Hi'), withFault('reset_mid_stream'))).rejects.toThrow()
  })

  it('stall sends the headers and nothing more until the bound', async () => {
    const response = await fetch(`${emulator.current.url}${CHAT}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...withFault('stall;ms=100') },
      body: JSON.stringify(ask('Hi')),
    })
    expect(response.status).toBe(200)
    await expect(response.text()).rejects.toThrow()
  })
})

describe('choosing a fault', () => {
  it('takes a [[fault:…]] phrase in the last user message, and does not echo it', async () => {
    const reply = await post(emulator.current, CHAT, ask('Please fail [[fault:server_error;status=502]]'))
    expect(reply.status).toBe(502)
    const spared = await post(emulator.current, CHAT, {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'user', content: 'old [[fault:server_error]]' },
        { role: 'user', content: 'new' },
      ],
    })
    expect(spared.json().choices[0].message.content).toBe('You said: new')
  })

  it('answers an unknown fault name with a 400 that lists the known ones', async () => {
    const reply = await post(emulator.current, CHAT, ask('Hi'), withFault('gremlins'))
    expect(reply.status).toBe(400)
    expect(reply.json().error).toMatchObject({
      param: 'x-emulator-fault',
      message: expect.stringContaining('rate_limit'),
    })
  })

  it.each([
    ['gremlins', "Unknown emulator fault 'gremlins'. Known faults: rate_limit, server_error, "],
    [
      'the plan is secret',
      'Unknown emulator fault: the name given is not a known one. Known faults: rate_limit, ',
    ],
    ['cut;aftre=2', "The emulator fault cut takes no parameter 'aftre'; it takes after, should_retry."],
    [
      `cut;${'a'.repeat(65)}=2`,
      'The emulator fault cut takes no parameter of that name; it takes after, should_retry.',
    ],
  ])(
    'answers %s with a 400 that quotes only a short plain name, from the header or a phrase',
    async (spec, message) => {
      for (const reply of await refusedFromHeaderAndPhrase(spec, message)) {
        expect(reply.json().error.message).not.toMatch(/secret|a{65}/)
      }
    },
  )

  it.each([
    [
      'rate_limit;retry_after_ms=abc',
      'The retry_after_ms parameter of the emulator fault rate_limit takes a number ≥ 0.',
    ],
    ['cut;after=-1', 'The after parameter of the emulator fault cut takes a whole number ≥ 0.'],
    [
      'server_error;should_retry=no',
      'The should_retry parameter of the emulator fault server_error takes true | false.',
    ],
    ['reset;after=2', "The emulator fault reset takes no parameter 'after'; it takes should_retry."],
    [
      'fail_then_succeed;with=reset;status=503',
      "The emulator fault fail_then_succeed takes no parameter 'status'",
    ],
  ])('answers %s with a 400 that names the parameter, from the header or a phrase', async (spec, message) => {
    await refusedFromHeaderAndPhrase(spec, message)
    expect(emulator.current.requests.slice(-2).map((request) => request.status)).toEqual([400, 400])
  })

  it('fail_then_succeed: fails N times per key, then succeeds', async () => {
    const headers = {
      ...withFault('fail_then_succeed;times=2;with=rate_limit;retry_after_ms=10'),
      'x-emulator-fault-key': 'retry-test',
    }
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await post(emulator.current, CHAT, ask('Hi'), headers)).status)
    expect(statuses).toEqual([429, 429, 200, 200])
    const other = { ...headers, 'x-emulator-fault-key': 'another-key' }
    expect((await post(emulator.current, CHAT, ask('Hi'), other)).status).toBe(429)
  })
})

/**
 * Sends the fault `spec` as the header and as a `[[fault:…]]` phrase: both are refused with a 400 whose message
 * holds `message` and whose `param` names where the fault came from. Returns the two replies.
 */
async function refusedFromHeaderAndPhrase(spec: string, message: string) {
  const fromHeader = await post(emulator.current, CHAT, ask('Hi'), withFault(spec))
  const fromPhrase = await post(emulator.current, CHAT, ask(`Hi [[fault:${spec}]]`))
  for (const [reply, param] of [
    [fromHeader, 'x-emulator-fault'],
    [fromPhrase, 'messages[0].content'],
  ] as const) {
    expect(reply.status).toBe(400)
    expect(reply.json().error).toMatchObject({ param, message: expect.stringContaining(message) })
  }
  return [fromHeader, fromPhrase]
}
