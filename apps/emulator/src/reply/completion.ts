import type { ServerResponse } from 'node:http'
import type { FaultSpec } from '../faults/spec.js'
import { numberParam } from '../faults/spec.js'
import { sleep } from '../http/sleep.js'
import { flushThenDestroy, sendReply } from '../http/write.js'

/**
 * Sends a non-streamed completion, applying the faults that make sense without a stream: a reset after
 * half the body, a stall after the headers, a body cut in half (`malformed_json`, `cut`).
 */
export async function writeCompletion(
  response: ServerResponse,
  body: string,
  options: { fault: FaultSpec | undefined; signal: AbortSignal; stallMs: number },
): Promise<void> {
  const { fault } = options
  const half = body.slice(0, Math.ceil(body.length / 2))
  switch (fault?.name) {
    case 'reset_mid_stream':
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write(half)
      await flushThenDestroy(response)
      return
    case 'stall':
      response.writeHead(200, { 'content-type': 'application/json' })
      response.flushHeaders()
      await sleep(numberParam(fault, 'ms', options.stallMs), options.signal)
      response.destroy()
      return
    case 'malformed_json':
    case 'cut':
      sendReply(response, { status: 200, headers: { 'content-type': 'application/json' }, body: half })
      return
    default:
      sendReply(response, { status: 200, headers: { 'content-type': 'application/json' }, body })
  }
}
