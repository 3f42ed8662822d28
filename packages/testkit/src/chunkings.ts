// Split-anywhere helpers: the same bytes cut into network reads in every way a decoder must not notice.
import fc from 'fast-check'

/**
 * fast-check, for packages that test with the arbitraries below: they must run them with this same copy, and
 * only testkit depends on it.
 */
export { fc }

/** The bytes as one read: the baseline that every other chunking must give the same result as. */
export function onePiece(bytes: Uint8Array): Uint8Array[] {
  return [bytes.slice()]
}

/** One read per byte: every split point at once (inside CRLF, inside a multi-byte character, …). */
export function byteAtATime(bytes: Uint8Array): Uint8Array[] {
  return Array.from(bytes, (byte) => Uint8Array.of(byte))
}

/** The bytes cut at the given offsets; offsets outside 1..length-1 and repeats are ignored. */
export function splitAt(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const cuts = [...new Set(offsets)]
    .filter((offset) => offset > 0 && offset < bytes.length)
    .sort((a, b) => a - b)
  const pieces: Uint8Array[] = []
  let start = 0
  for (const cut of [...cuts, bytes.length]) {
    pieces.push(bytes.slice(start, cut))
    start = cut
  }
  return pieces
}

/**
 * Reads of 1..maxSize bytes (4096 unless told), each its own buffer, with sizes from a PRNG seeded by `seed`:
 * the same seed always gives the same reads, so a failure can be replayed.
 */
export function randomPieces(bytes: Uint8Array, options: { seed: number; maxSize?: number }): Uint8Array[] {
  const random = createRandom(options.seed)
  const maxSize = options.maxSize ?? 4096
  const pieces: Uint8Array[] = []
  for (let start = 0; start < bytes.length; ) {
    const end = start + 1 + Math.floor(random() * maxSize)
    pieces.push(bytes.slice(start, end))
    start = end
  }
  return pieces
}

/**
 * A deterministic random source in [0, 1) from a seed: mulberry32 (Tommy Ettinger's public-domain 32-bit PRNG),
 * tiny, fast and well spread for test input and benchmark streams.
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A fast-check arbitrary of split offsets for `length` bytes (for {@link splitAt}); it shrinks to few cuts. */
export function splitPointsArbitrary(length: number, maxCuts = 200): fc.Arbitrary<number[]> {
  if (length < 2) return fc.constant([])
  return fc.uniqueArray(fc.integer({ min: 1, max: length - 1 }), { maxLength: Math.min(maxCuts, length - 1) })
}

/** A fast-check arbitrary of chunkings of `bytes`: the bytes cut at {@link splitPointsArbitrary} offsets. */
export function chunkingArbitrary(bytes: Uint8Array, maxCuts = 200): fc.Arbitrary<Uint8Array[]> {
  return splitPointsArbitrary(bytes.length, maxCuts).map((offsets) => splitAt(bytes, offsets))
}

/** A way to end lines in an event stream; `mixed` takes LF, CR and CRLF in turn. */
export type LineEnding = 'lf' | 'cr' | 'crlf' | 'mixed'

/** Every {@link LineEnding}, to run a test once per style. */
export const lineEndings: readonly LineEnding[] = ['lf', 'cr', 'crlf', 'mixed']

const ENDINGS = { lf: ['\n'], cr: ['\r'], crlf: ['\r\n'], mixed: ['\n', '\r', '\r\n'] } as const

/**
 * The text with every line end (LF, CR or CRLF) rewritten in the given style. In `mixed`, a CR is always
 * followed by a CRLF, never by a lone LF, which would join it into one CRLF and lose a line.
 */
export function withLineEndings(text: string, style: LineEnding): string {
  const endings = ENDINGS[style]
  let line = 0
  return text.replace(/\r\n|\r|\n/g, () => endings[line++ % endings.length] as string)
}

/** The reads (or any items) as a `ReadableStream` that hands out one per pull, as a response body does. */
export function toReadableStream<T>(pieces: readonly T[]): ReadableStream<T> {
  let next = 0
  return new ReadableStream<T>(
    {
      pull(controller) {
        const piece = pieces[next++]
        if (piece === undefined) controller.close()
        else controller.enqueue(piece)
      },
    },
    { highWaterMark: 0 },
  )
}

/** The reads (or any items) as an async iterable, one per step, for code that takes any `AsyncIterable`. */
export async function* toAsyncIterable<T>(pieces: readonly T[]): AsyncGenerator<T, void, undefined> {
  for (const piece of pieces) yield piece
}
