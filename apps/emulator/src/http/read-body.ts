import type { IncomingMessage } from 'node:http'

/** A body, or one over the limit with its size as far as known: the declared length, or the bytes read. */
export type BodyResult =
  | { kind: 'ok'; text: string }
  | { kind: 'too_large'; bytes: number }
  | { kind: 'aborted' }

/**
 * Reads the request body up to `limit` bytes. A declared `content-length` over the limit is refused before
 * a byte is read; a body that grows past it while streaming in is refused as soon as it does.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit)
    return Promise.resolve({ kind: 'too_large', bytes: declared })
  return new Promise((resolve) => {
    const parts: Buffer[] = []
    let size = 0
    const finish = (result: BodyResult): void => {
      request.off('data', onData)
      request.off('end', onEnd)
      request.off('close', onClose)
      resolve(result)
    }
    const onData = (part: Buffer): void => {
      size += part.length
      if (size > limit) {
        // Stop buffering, but keep draining so the 413 can still be read by the client.
        request.resume()
        finish({ kind: 'too_large', bytes: size })
        return
      }
      parts.push(part)
    }
    const onEnd = (): void => finish({ kind: 'ok', text: Buffer.concat(parts).toString('utf8') })
    const onClose = (): void => finish({ kind: 'aborted' })
    request.on('data', onData)
    request.on('end', onEnd)
    request.on('close', onClose)
  })
}
