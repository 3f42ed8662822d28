// Aborts at every stage of a call, by every means, against the emulator (in its own process): every call
// must settle, and no timer or socket of the client may be left. Run alone: tsx --conditions=@chatwire/source <this file>, or all: pnpm --filter @chatwire/bench security
import { type ChatCallOptions, type ChatEndpoint, createChatClient, type FetchFunction } from '@chatwire/core'
import { forkEmulator } from './emulator-child.js'

const emulator = await forkEmulator(5)
const url = `${emulator.url}/v1/chat/completions`
const auth = { authorization: 'Bearer sk-bench' }
const live: ChatEndpoint = { name: 'emulator', prepare: (request) => ({ url, headers: auth, body: request }) }
const deafToken: ChatEndpoint = { name: 'deaf-token', prepare: () => new Promise(() => {}) }
const deafFetch: FetchFunction = () => new Promise<Response>(() => {})
const fault = (spec: string) => ({ 'x-emulator-fault': spec })

/** Where the call is when it is aborted. */
const STAGES: {
  name: string
  endpoint: ChatEndpoint
  fetch?: FetchFunction
  options: ChatCallOptions
  after: number
}[] = [
  { name: 'before anything (pre-aborted)', endpoint: live, options: {}, after: -1 },
  { name: 'in a token provider that ignores its signal', endpoint: deafToken, options: {}, after: 20 },
  { name: 'in a fetch that ignores its signal', endpoint: live, fetch: deafFetch, options: {}, after: 20 },
  {
    name: 'waiting for the headers',
    endpoint: live,
    options: { headers: fault('latency;ms=5000') },
    after: 50,
  },
  {
    name: 'in a retry delay',
    endpoint: live,
    options: { headers: fault('rate_limit;retry_after_ms=5000') },
    after: 100,
  },
  {
    name: 'mid-body (the server stalls)',
    endpoint: live,
    options: { headers: fault('stall;after=2;ms=5000') },
    after: 100,
  },
  { name: 'after the end', endpoint: live, options: {}, after: 3000 },
]
const MEANS = ['signal', 'AbortSignal.timeout', 'timeout option', 'stream.abort()'] as const

const resources = () =>
  process.getActiveResourcesInfo().filter((type) => ['Timeout', 'TCPSocketWrap', 'Immediate'].includes(type))
    .length
const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'count to 20' }] }
const GUARD_MS = 10_000

let cases = 0
let unsettled = 0
const rows: string[] = []
for (const stage of STAGES) {
  const client = createChatClient(stage.endpoint, {
    maxRetries: 2,
    maxRetryDelay: 10_000,
    fetch: stage.fetch,
  })
  const results: string[] = []
  for (const means of MEANS) {
    for (const mode of ['complete', 'stream'] as const) {
      if (means === 'stream.abort()' && mode === 'complete') continue
      // `timeout` bounds each attempt; the wait between attempts is bounded by maxRetryDelay instead.
      if (means === 'timeout option' && stage.name === 'in a retry delay') continue
      cases++
      const controller = new AbortController()
      const delay = Math.max(stage.after, 1)
      const options: ChatCallOptions = { ...stage.options }
      if (means === 'signal') options.signal = controller.signal
      if (means === 'AbortSignal.timeout') options.signal = AbortSignal.timeout(delay)
      if (means === 'timeout option') options.timeout = delay
      if (stage.after === -1 && means === 'signal') controller.abort('pre')
      const stream = mode === 'stream' ? client.stream(request, options) : undefined
      const call: Promise<string> =
        stream === undefined
          ? client.complete(request, options).then(
              () => 'ok',
              (error: Error) => error.name,
            )
          : stream
              .final()
              .then(({ outcome }) => (outcome.type === 'error' ? outcome.error.name : outcome.type))
      const trigger = setTimeout(() => {
        if (means === 'signal') controller.abort('stage')
        if (means === 'stream.abort()') stream?.abort('stage')
      }, delay)
      let guard: ReturnType<typeof setTimeout> | undefined
      const settled = await Promise.race([
        call,
        new Promise<string>((resolve) => {
          guard = setTimeout(() => resolve('UNSETTLED'), GUARD_MS)
        }),
      ])
      clearTimeout(trigger)
      clearTimeout(guard)
      if (settled === 'UNSETTLED') unsettled++
      results.push(`${means}/${mode}: ${settled}`)
    }
  }
  rows.push(`| ${stage.name} | ${results.join('; ')} |`)
}
// Let sockets the emulator still holds close, then count what the client left.
await emulator.close()
await new Promise((resolve) => setTimeout(resolve, 100))
const left = resources()

console.log(`| figure | value |\n| --- | --- |`)
console.log(`| abort cases (stage × means × complete/stream) | ${cases} |`)
console.log(`| settled | ${cases - unsettled} |`)
console.log(`| timers and sockets left after all settled | ${left} |`)
console.log('\n| stage | what each call came to |\n| --- | --- |')
console.log(rows.join('\n'))
