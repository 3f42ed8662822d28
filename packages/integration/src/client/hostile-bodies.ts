import type { ServerResponse } from 'node:http'
import { gzipSync } from 'node:zlib'

/** 64 MiB of zeros, gzipped: about 64 KB. */
const MEMBER = gzipSync(Buffer.alloc(64 * 1024 * 1024))

/**
 * A gzip bomb: `members` gzip members of 64 MiB each, back to back (a valid gzip body). 48 members are
 * about 3 MB on the wire and 3 GiB inflated, past V8's longest string.
 */
export function sendGzipBomb(response: ServerResponse, status: number, members = 48): void {
  response.writeHead(status, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
  let sent = 0
  const next = () => {
    while (sent < members) {
      sent++
      if (!response.write(MEMBER)) return void response.once('drain', next)
    }
    response.end()
  }
  next()
}

/** A body that never ends: 64 KB pieces as fast as the client takes them, until it leaves. */
export function sendEndlessBody(response: ServerResponse, status: number): void {
  response.writeHead(status, { 'content-type': 'application/json' })
  const piece = Buffer.alloc(64 * 1024, 0x20)
  let open = true
  response.on('close', () => {
    open = false
  })
  const next = () => {
    while (open) if (!response.write(piece)) return void response.once('drain', next)
  }
  response.write('{"error":{"message":"')
  next()
}
