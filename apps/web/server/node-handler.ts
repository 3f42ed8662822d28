import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/** A web-standard handler: a `Request` in, a `Response` out, or `undefined` when the path is not its own. */
export type WebHandler = (request: Request) => Promise<Response> | undefined

/**
 * Serves `handler` from a Node request (a Vite middleware, `node:http`): the body streamed both ways, and the
 * request's signal aborted when the browser leaves, so that the upstream request stops too. Calls `next` for
 * the paths the handler does not take.
 */
export function nodeHandler(handler: WebHandler) {
  return async (req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> => {
    const left = new AbortController()
    res.on('close', () => {
      if (!res.writableFinished) left.abort()
    })
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
    const request = new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`), {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([name, value]) =>
        value === undefined
          ? []
          : [[name, Array.isArray(value) ? value.join(', ') : value] as [string, string]],
      ),
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      signal: left.signal,
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit)
    const answer = handler(request)
    if (answer === undefined) return next()
    const response = await answer
    res.writeHead(response.status, Object.fromEntries(response.headers))
    if (response.body === null) return void res.end()
    // A browser that leaves ends the pipe early; the body's cancel aborts the upstream request too.
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), res).catch(
      () => {},
    )
  }
}
