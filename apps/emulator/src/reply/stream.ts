import type { ServerResponse } from 'node:http'
import type { FaultSpec } from '../faults/spec.js'
import { numberParam } from '../faults/spec.js'
import { streamErrorProblem } from '../faults/to-problem.js'
import { sleep } from '../http/sleep.js'
import { flushThenDestroy, write } from '../http/write.js'
import type { Problem, ProblemReply } from '../problem.js'
import { DONE, sseFrame, streamErrorBody } from './sse.js'

export interface StreamOptions {
  /** Pause between frames. */
  delayMs: number
  /** Aborts when the client leaves or the server closes; the stream stops at once. */
  signal: AbortSignal
  /** A fault that acts on the stream (reset, stall, malformed frame, cut, missing [DONE], error frame). */
  fault: FaultSpec | undefined
  /** The longest a stall lasts before the connection is reset, so a server can always close. */
  stallMs: number
  /** Renders a problem in the request's dialect, for the body of an error sent mid-stream. */
  render: (problem: Problem) => ProblemReply
}

/** Where a mid-stream fault strikes when its `after` is not given: the frame count before it. */
const DEFAULT_AFTER: Record<string, number> = {
  reset_mid_stream: 3,
  stall: 0,
  malformed_json: 2,
  cut: 3,
  error_event: 2,
  error_payload: 2,
}

/**
 * Writes chunks as server-sent events, paced by `delayMs`, then `data: [DONE]`. The headers must already
 * be sent. A stream fault strikes before frame number `after` (0 = before the first; past the end = just
 * before `[DONE]`).
 */
export async function writeStream(
  response: ServerResponse,
  chunks: Iterable<Record<string, unknown>>,
  options: StreamOptions,
): Promise<void> {
  const { fault, signal } = options
  const frames = [...chunks].map((chunk) => JSON.stringify(chunk))
  const strikeAt =
    fault !== undefined && fault.name in DEFAULT_AFTER
      ? Math.min(Math.trunc(numberParam(fault, 'after', DEFAULT_AFTER[fault.name] ?? 0)), frames.length)
      : -1

  for (let index = 0; index <= frames.length; index++) {
    if (signal.aborted) break
    if (index === strikeAt && fault !== undefined) {
      const goOn = await strike(response, fault, options)
      if (!goOn) return
    }
    if (index > 0 && !(await sleep(options.delayMs, signal))) break
    let data = frames[index]
    if (data === undefined) {
      if (fault?.name === 'no_done') break
      data = DONE
    } else if (index === strikeAt && fault?.name === 'malformed_json') {
      data = data.slice(0, Math.ceil(data.length / 2))
    }
    await write(response, sseFrame(data))
  }
  // Also reached on abort: a closing server ends its streams cleanly (a client that left is already gone).
  if (!response.destroyed && !response.writableEnded) response.end()
}

/** Applies the fault; `true` when the stream goes on afterwards. */
async function strike(response: ServerResponse, fault: FaultSpec, options: StreamOptions): Promise<boolean> {
  switch (fault.name) {
    case 'reset_mid_stream':
      await flushThenDestroy(response)
      return false
    case 'stall':
      await sleep(numberParam(fault, 'ms', options.stallMs), options.signal)
      await flushThenDestroy(response)
      return false
    case 'cut':
      response.end()
      return false
    case 'error_event':
    case 'error_payload': {
      const status = numberParam(fault, 'status', 500)
      const body = streamErrorBody(options.render(streamErrorProblem(status)), status)
      await write(response, sseFrame(body, fault.name === 'error_event' ? 'error' : undefined))
      response.end()
      return false
    }
    default:
      return true
  }
}
