import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from 'vitest'
import type { FaultName } from '../faults/catalog.js'
import type { EVERY_FAULT_PARAMETERS, FAULT_PARAMETERS } from '../faults/parameters.js'
import { formatFault, parseFault } from '../faults/spec.js'
import { type FaultParameters, fault, faultHeaders, startTestEmulator, useEmulator } from '../testing.js'

describe('fault', () => {
  it('spells a fault as the header carries it', () => {
    expect(faultHeaders(fault('cut', { after: 1 }))).toEqual({ 'x-emulator-fault': 'cut;after=1' })
    expect(faultHeaders('reset', 'key-1')).toEqual({
      'x-emulator-fault': 'reset',
      'x-emulator-fault-key': 'key-1',
    })
    expect(fault('rate_limit', { header: ['retry-after', 'retry-after-ms'] }).params).toEqual({
      header: 'retry-after,retry-after-ms',
    })
  })

  it('takes should_retry on every fault, wrapped ones included', () => {
    expectTypeOf<{ [Name in FaultName]: FaultParameters[Name]['should_retry'] }>().toEqualTypeOf<
      Record<FaultName, boolean | undefined>
    >()
    expect(fault('server_error', { should_retry: false }).params).toEqual({ should_retry: 'false' })
    expect(fault('reset', { should_retry: true }).params).toEqual({ should_retry: 'true' })
    const wrapped = fault('fail_then_succeed', { with: fault('server_error', { should_retry: false }) })
    expect(wrapped).toEqual({
      name: 'fail_then_succeed',
      params: { with: 'server_error' },
      withParams: { should_retry: 'false' },
    })
  })

  it("keeps a wrapped fault's parameters its own, and the parser agrees with the builder", () => {
    const nested = fault('fail_then_succeed', {
      with: fault('server_error', { status: 503, should_retry: false }),
      should_retry: true,
      times: 2,
    })
    expect(nested).toEqual({
      name: 'fail_then_succeed',
      params: { with: 'server_error', should_retry: 'true', times: '2' },
      withParams: { status: '503', should_retry: 'false' },
    })
    const text = faultHeaders(nested)['x-emulator-fault'] ?? ''
    expect(text).toBe(
      'fail_then_succeed;should_retry=true;times=2;with=server_error;status=503;should_retry=false',
    )
    expect(parseFault(text)).toEqual(nested)
    expect(formatFault(parseFault(text))).toBe(text)
  })

  it.each([
    [
      'fail_then_succeed;times=2;with=server_error;status=503',
      { times: '2', with: 'server_error' },
      { status: '503' },
    ],
    // After `with=`, what the wrapped fault does not take is fail_then_succeed's own (older headers wrote it so).
    ['fail_then_succeed;with=reset;times=2;key=k', { with: 'reset', times: '2', key: 'k' }, undefined],
    [
      'fail_then_succeed;with=rate_limit;header=none;retry_after_ms=20',
      { with: 'rate_limit' },
      { header: 'none', retry_after_ms: '20' },
    ],
  ])('parses %s, the wrapped parameters apart, and formats it back', (text, params, withParams) => {
    const spec = parseFault(text)
    expect(spec).toEqual(
      withParams === undefined
        ? { name: 'fail_then_succeed', params }
        : { name: 'fail_then_succeed', params, withParams },
    )
    expect(parseFault(formatFault(spec))).toEqual(spec)
  })

  it('round-trips every fault the builder makes through the header text', () => {
    const specs = [
      fault('rate_limit', {
        retry_after: 2,
        header: ['retry-after', 'x-ms-retry-after-ms'],
        message_hint: false,
      }),
      fault('content_filter_prompt', { category: 'violence', severity: 'low', should_retry: false }),
      fault('stall', { after: 1, ms: 5 }),
      fault('fail_then_succeed', { with: fault('error_event', { status: 429, after: 1 }), key: 'k' }),
      fault('fail_then_succeed', { times: 0 }),
    ]
    for (const spec of specs) expect(parseFault(faultHeaders(spec)['x-emulator-fault'] ?? '')).toEqual(spec)
  })

  it('types exactly the parameters the server takes, fault by fault', () => {
    type Typed = { [Name in FaultName]: keyof FaultParameters[Name] }
    type Taken = {
      [Name in FaultName]: keyof (typeof FAULT_PARAMETERS)[Name] | keyof typeof EVERY_FAULT_PARAMETERS
    }
    expectTypeOf<Typed>().toEqualTypeOf<Taken>()
    expectTypeOf<FaultParameters['error_payload']['status']>().toEqualTypeOf<number | undefined>()
    expectTypeOf<FaultParameters['content_filter_prompt']['severity']>().toEqualTypeOf<
      'safe' | 'low' | 'medium' | 'high' | undefined
    >()
  })

  it('refuses, in its types and when called, a parameter its fault does not take', () => {
    // @ts-expect-error: rate_limit has no `after`.
    expect(() => fault('rate_limit', { after: 2 })).toThrow(
      "The emulator fault rate_limit takes no parameter 'after'; it takes retry_after_ms, retry_after, header, message_hint, should_retry.",
    )
    // @ts-expect-error: reset takes should_retry only.
    expect(() => fault('reset', { ms: 5 })).toThrow(/takes no parameter 'ms'/)
    // @ts-expect-error: should_retry is a boolean.
    expect(() => fault('server_error', { should_retry: 'no' })).toThrow(
      'The should_retry parameter of the emulator fault server_error takes true | false.',
    )
    // @ts-expect-error: severity is one of four words.
    expect(() => fault('content_filter_prompt', { severity: 'extreme' })).toThrow(
      /safe \| low \| medium \| high/,
    )
  })

  it('refuses a value the server would refuse', () => {
    expect(() => fault('cut', { after: -1 })).toThrow('takes a whole number ≥ 0')
    expect(() => fault('cut', { after: 1.5 })).toThrow('takes a whole number ≥ 0')
    expect(() => fault('latency', { ms: Number.NaN })).toThrow('takes a number ≥ 0')
    expect(() => fault('server_error', { status: 200 })).toThrow('takes an HTTP status from 400 to 599')
    expect(() => fault('fail_then_succeed', { with: fault('rate_limit'), times: 2.5 })).toThrow(/times/)
  })

  it('refuses a parameter that would split the header, and a fail_then_succeed inside another', () => {
    expect(() => fault('fail_then_succeed', { key: 'a;b' })).toThrow(/may not contain ';'/)
    expect(() => fault('fail_then_succeed', { with: fault('fail_then_succeed') })).toThrow(
      'The with parameter of the emulator fault fail_then_succeed takes the name of a fault other than fail_then_succeed.',
    )
  })
})

describe('fault, through the emulator', () => {
  const emulator = useEmulator({ hooks: { beforeAll, afterAll, beforeEach } })

  async function post(headers: Record<string, string>) {
    const { baseURL, apiKey } = emulator.current.openai
    const response = await fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
    })
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown }
  }

  it('sends should_retry as x-should-retry, on a fault of its own and on a wrapped one', async () => {
    const own = await post(faultHeaders(fault('server_error', { status: 503, should_retry: false })))
    expect([own.status, own.headers.get('x-should-retry')]).toEqual([503, 'false'])
    const wrapped = fault('fail_then_succeed', {
      with: fault('rate_limit', { retry_after_ms: 10, should_retry: true }),
    })
    const failed = await post(faultHeaders(wrapped, 'once'))
    expect([failed.status, failed.headers.get('x-should-retry')]).toEqual([429, 'true'])
    const passed = await post(faultHeaders(wrapped, 'once'))
    expect([passed.status, passed.headers.get('x-should-retry')]).toEqual([200, null])
  })

  it("sends the wrapped fault's should_retry, not the wrapper's, to the failing requests", async () => {
    const nested = fault('fail_then_succeed', {
      with: fault('server_error', { should_retry: false }),
      should_retry: true,
      times: 2,
    })
    const replies = [await post(faultHeaders(nested, 'k')), await post(faultHeaders(nested, 'k'))]
    expect(replies.map((reply) => [reply.status, reply.headers.get('x-should-retry')])).toEqual([
      [500, 'false'],
      [500, 'false'],
    ])
    // The wrapper's own should_retry is the default of a wrapped fault that names none.
    const defaulted = fault('fail_then_succeed', {
      with: fault('server_error', { status: 503 }),
      should_retry: false,
    })
    const failed = await post(faultHeaders(defaulted, 'j'))
    expect([failed.status, failed.headers.get('x-should-retry')]).toEqual([503, 'false'])
  })

  it('takes every parameter the types allow', async () => {
    const reply = await post(
      faultHeaders(fault('rate_limit', { retry_after: 2, header: ['retry-after', 'x-ms-retry-after-ms'] })),
    )
    expect(reply.status).toBe(429)
    expect([reply.headers.get('retry-after'), reply.headers.get('x-ms-retry-after-ms')]).toEqual([
      '2',
      '2000',
    ])
    expect(reply.headers.get('retry-after-ms')).toBeNull()
  })
})

describe('a nested fault as the server-wide fault', () => {
  it("keeps the wrapped fault's parameters on every failing request, then succeeds", async () => {
    const emulator = await startTestEmulator({
      faults: fault('fail_then_succeed', {
        with: fault('server_error', { status: 503, should_retry: false }),
        should_retry: true,
        key: 'all',
      }),
    })
    try {
      const post = () =>
        fetch(`${emulator.openai.baseURL}/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${emulator.openai.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
        })
      const failed = await post()
      expect([failed.status, failed.headers.get('x-should-retry')]).toEqual([503, 'false'])
      expect((await post()).status).toBe(200)
    } finally {
      await emulator.close()
    }
  })
})
