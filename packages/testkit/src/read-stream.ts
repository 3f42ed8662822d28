// Reading a chat stream in tests: every event, then what `final()` says; and the text of one kind of delta.
// Structural types only, so that this package depends on neither core nor vitest (core's ChatStream fits).

/** What {@link readStream} needs of a stream. */
export interface FinalStream<E, R> extends AsyncIterable<E> {
  final(): Promise<R>
}

/** Reads a stream to its end: its events, then what `final()` says (the completion and outcomes). */
export async function readStream<E, R extends object>(
  stream: FinalStream<E, R>,
): Promise<{ events: E[] } & R> {
  const events: E[] = []
  for await (const event of stream) events.push(event)
  return { events, ...(await stream.final()) }
}

/** The deltas of one type (`content.delta` unless said) for one choice, joined. */
export function deltaText(
  events: readonly { type: string; choiceIndex?: number }[],
  choice = 0,
  type = 'content.delta',
): string {
  return events
    .filter((event) => event.type === type && event.choiceIndex === choice)
    .map((event) => ('delta' in event && typeof event.delta === 'string' ? event.delta : ''))
    .join('')
}
