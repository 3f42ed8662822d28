import type { ServerResponse } from 'node:http'
import type { ProblemReply } from '../problem.js'

/** Writes `text`, waiting for the socket to drain when its buffer is full; gives up once the reply closed. */
export function write(response: ServerResponse, text: string): Promise<void> | undefined {
  if (response.destroyed || response.writableEnded) return undefined
  if (response.write(text)) return undefined
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done)
      response.off('close', done)
      resolve()
    }
    response.on('drain', done)
    response.on('close', done)
  })
}

/** Sends a whole reply (a rendered problem or a JSON body) unless the exchange is already over. */
export function sendReply(response: ServerResponse, reply: ProblemReply): void {
  if (response.headersSent || response.destroyed) return
  response.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) })
  response.end(reply.body)
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  sendReply(response, { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
}

/**
 * Drops the connection after what was written has reached the socket, so the client reads every frame
 * sent before the drop (a bare `destroy()` would discard writes still queued in the process).
 */
export async function flushThenDestroy(response: ServerResponse): Promise<void> {
  const { socket } = response
  if (socket !== null && !socket.destroyed && socket.writable) {
    await new Promise<void>((resolve) => socket.write('', () => resolve()))
  }
  response.destroy()
}
