/** A reply read by path in tests; the assertions check its shape. */
// biome-ignore lint/suspicious/noExplicitAny: tests walk reply bodies freely and let the assertions judge them.
export type Json = any

/** One parsed server-sent event, enough for tests: its name and its data lines joined. */
export interface TestEvent {
  event: string | undefined
  data: string
}

/** Parses a whole event-stream text (tests read the body to the end first). */
export function parseEvents(text: string): TestEvent[] {
  const events: TestEvent[] = []
  for (const block of text.split(/\r?\n\r?\n/)) {
    if (block.trim() === '') continue
    let event: string | undefined
    const data: string[] = []
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim()
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
    }
    events.push({ event, data: data.join('\n') })
  }
  return events
}

/** The chunks of a stream (every data frame but `[DONE]`), parsed. */
export function chunksOf(text: string): Record<string, Json>[] {
  return parseEvents(text)
    .filter((event) => event.data !== '[DONE]')
    .map((event) => JSON.parse(event.data) as Record<string, Json>)
}

/** The text a stream adds up to, per choice index. */
export function streamedText(
  chunks: readonly Record<string, Json>[],
  field: 'content' | 'reasoning_content' = 'content',
): string[] {
  const texts: string[] = []
  for (const chunk of chunks) {
    for (const choice of chunk.choices ?? []) {
      const piece = choice.delta?.[field]
      if (typeof piece === 'string') texts[choice.index] = (texts[choice.index] ?? '') + piece
    }
  }
  return texts
}
