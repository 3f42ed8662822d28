// A fetch that delivers a stream's SSE frames at a steady rate, as a model writing tokens would: the emulator
// sends as fast as it can, and this releases the frames that are due (rate × time elapsed) at each read.
import type { FetchFunction } from '@chatwire/core'

const encoder = new TextEncoder()

/** `fetch`, with every streamed reply's frames released at `framesPerSecond`. */
export function pacedFetch(framesPerSecond: number): FetchFunction {
  return async (url, init) => {
    const response = await fetch(url, init)
    const source = response.body?.getReader()
    if (source === undefined) return response
    const decoder = new TextDecoder()
    const frames: string[] = []
    let partial = ''
    let ended = false
    let released = 0
    const started = performance.now()
    const body = new ReadableStream<Uint8Array>({
      async pull(view) {
        while (true) {
          const due = Math.floor(((performance.now() - started) * framesPerSecond) / 1000) - released
          if (frames.length > 0 && due > 0) {
            const out = frames.splice(0, Math.min(due, frames.length))
            released += out.length
            return view.enqueue(encoder.encode(out.join('')))
          }
          if (ended && frames.length === 0) return view.close()
          if (!ended && frames.length === 0) {
            const { done, value } = await source.read()
            ended = done
            const pieces = (
              partial + (done ? decoder.decode() : decoder.decode(value, { stream: true }))
            ).split('\n\n')
            partial = pieces.pop() ?? ''
            for (const piece of pieces) frames.push(`${piece}\n\n`)
            if (done && partial !== '') frames.push(partial)
            continue
          }
          await new Promise((resolve) => setTimeout(resolve, 1))
        }
      },
      cancel: (reason) => source.cancel(reason),
    })
    return new Response(body, { status: response.status, headers: response.headers })
  }
}
