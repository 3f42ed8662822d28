// What a hostile stream can make the decoder hold: a small multiple of the limit in characters, however the
// text is cut into lines and reads. Heap measured after a forced collection, with wide margins both ways.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { createSSEParser, type SSEParser } from './decode-sse.js'

setFlagsFromString('--expose-gc')
const collect = runInNewContext('gc') as () => void

/** Heap bytes the parser holds after `fill` fed it, per character of text it was fed. */
function heldPerCharacter(fill: (parser: SSEParser) => number): number {
  const parser = createSSEParser(() => {})
  collect()
  const before = process.memoryUsage().heapUsed
  const characters = fill(parser)
  collect()
  const held = process.memoryUsage().heapUsed - before
  // Still held: the parser is alive until here.
  parser.end()
  return held / characters
}

const encoder = new TextEncoder()

describe('the memory one unfinished event or line holds', () => {
  it('is a few bytes per character for an event of millions of one-character data lines', () => {
    // 2 Mi lines of `data: x`: 4 Mi characters of data. Held as a string each, they took 64 bytes per line.
    const perCharacter = heldPerCharacter((parser) => {
      const read = encoder.encode('data: x\n'.repeat(64 * 1024))
      for (let i = 0; i < 32; i++) parser.feed(read)
      return 32 * 64 * 1024 * 2
    })
    expect(perCharacter).toBeLessThan(4)
  })

  it('is a few bytes per character for a line that comes one byte per read', () => {
    // A line of 2 Mi characters in 2 Mi reads: kept as a piece each, it took 11 bytes per character.
    const read = encoder.encode('x')
    const perCharacter = heldPerCharacter((parser) => {
      parser.feed(encoder.encode('data: '))
      for (let i = 0; i < 2 * 1024 * 1024; i++) parser.feed(read)
      return 2 * 1024 * 1024
    })
    expect(perCharacter).toBeLessThan(4)
  })
})
