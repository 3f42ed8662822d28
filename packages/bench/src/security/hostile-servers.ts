// Peak memory of the client under hostile servers, one fresh process per case (maxRSS only grows), so
// that each figure is the case's own. Run alone: tsx --conditions=@chatwire/source <this file>, or all: pnpm --filter @chatwire/bench security
import { fork } from 'node:child_process'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { type ChatEndpoint, createChatClient } from '@chatwire/core'

const MiB = 1024 * 1024

interface HostileCase {
  name: string
  /** What the server does. */
  answer(response: ServerResponse): void
  /** `complete` or `stream`. */
  mode: 'complete' | 'stream'
  /** The cap expected to stop it. */
  cap: string
}

/** `members` gzip members of 1 MiB of zeros each (about 1 KB each on the wire), made when first sent. */
function gzipBomb(status: number, members: number) {
  let piece: Buffer | undefined
  return (response: ServerResponse) => {
    piece ??= gzipSync(Buffer.alloc(MiB))
    response.writeHead(status, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
    let sent = 0
    const next = () => {
      while (sent < members) {
        sent++
        if (!response.write(piece as Buffer)) return void response.once('drain', next)
      }
      response.end()
    }
    next()
  }
}
function endless(
  status: number,
  contentType: string,
  start: string,
  piece: Buffer,
  limit = Number.POSITIVE_INFINITY,
) {
  return (response: ServerResponse) => {
    response.writeHead(status, { 'content-type': contentType })
    let open = true
    let sent = 0
    response.on('close', () => {
      open = false
    })
    response.write(start)
    const next = () => {
      while (open && sent < limit) {
        sent += piece.length
        if (!response.write(piece)) return void response.once('drain', next)
      }
      if (open) response.end()
    }
    next()
  }
}
const completion = JSON.stringify({
  id: 'c',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
})

const CASES: HostileCase[] = [
  {
    name: 'baseline: one small reply',
    mode: 'complete',
    cap: '-',
    answer: (response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(completion)
    },
  },
  {
    name: 'gzip bomb reply, 3 MB → 3 GiB',
    mode: 'complete',
    cap: 'maxResponseBytes 64 MiB',
    answer: gzipBomb(200, 3072),
  },
  {
    name: 'endless reply',
    mode: 'complete',
    cap: 'maxResponseBytes 64 MiB',
    answer: endless(200, 'application/json', '{"a":"', Buffer.alloc(64 * 1024, 0x61)),
  },
  {
    name: 'gzip bomb error body (500), 3 MB → 3 GiB',
    mode: 'complete',
    cap: 'maxErrorBodyBytes 1 MiB',
    answer: gzipBomb(500, 3072),
  },
  {
    name: 'endless error body (400)',
    mode: 'stream',
    cap: 'maxErrorBodyBytes 1 MiB',
    answer: endless(400, 'application/json', '{"error":{"message":"', Buffer.alloc(64 * 1024, 0x61)),
  },
  {
    name: 'stream: one 256 MiB SSE line without a newline',
    mode: 'stream',
    cap: 'the SSE decoder (engine)',
    answer: endless(200, 'text/event-stream', 'data: "', Buffer.alloc(64 * 1024, 0x61), 256 * MiB),
  },
]

/** Runs one case in this process and prints its figures as JSON. */
async function runCase(index: number): Promise<void> {
  const hostile = CASES[index] as HostileCase
  const server = createServer((request, response) => {
    request.resume()
    request.on('end', () => hostile.answer(response))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`
  const endpoint: ChatEndpoint = {
    name: 'hostile',
    prepare: (request) => ({ url, headers: {}, body: request }),
  }
  const client = createChatClient(endpoint, { maxRetries: 0, idleTimeout: 10_000 })
  const request = { model: 'm', messages: [{ role: 'user' as const, content: 'Hi' }] }
  const started = Date.now()
  let result: string
  if (hostile.mode === 'complete') {
    result = await client.complete(request).then(
      () => 'ok',
      (error: Error) => error.name,
    )
  } else {
    const { outcome } = await client.stream(request).final()
    result = outcome.type === 'error' ? outcome.error.name : outcome.type
  }
  const ms = Date.now() - started
  server.closeAllConnections()
  server.close()
  const peak = process.resourceUsage().maxRSS / 1024
  process.send?.({ name: hostile.name, cap: hostile.cap, result, peakRssMiB: Math.round(peak), ms })
}

/** Runs every case in its own process and prints a markdown table. */
async function main(): Promise<void> {
  const rows: string[] = [
    '| hostile server | result | stopped by | peak RSS | time |',
    '| --- | --- | --- | --- | --- |',
  ]
  for (let index = 0; index < CASES.length; index++) {
    const figures = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const child = fork(fileURLToPath(import.meta.url), [String(index)], { execArgv: process.execArgv })
      let got: Record<string, unknown> | undefined
      child.on('message', (message) => {
        got = message as Record<string, unknown>
      })
      child.on('exit', (code) =>
        got === undefined ? reject(new Error(`case ${index} exited with ${code}`)) : resolve(got),
      )
    }).catch((error: Error) => ({
      name: CASES[index]?.name,
      cap: CASES[index]?.cap,
      result: error.message,
      peakRssMiB: '?',
      ms: '?',
    }))
    rows.push(
      `| ${figures.name} | ${figures.result} | ${figures.cap} | ${figures.peakRssMiB} MiB | ${figures.ms} ms |`,
    )
  }
  console.log(rows.join('\n'))
}

const which = process.argv[2]
if (which === undefined) await main()
else await runCase(Number(which))
