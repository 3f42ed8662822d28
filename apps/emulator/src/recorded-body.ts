import type { RequestRecord } from './request-record.js'

/** Each record's body text and, once `body` was read, its parse. */
const kept = new WeakMap<object, { text: string; parsed?: Readonly<Record<string, unknown>> }>()

/**
 * Gives a record its body: the text is what it keeps (bytes, so the 64 KiB bound is on memory too; a parsed
 * body of many small items takes twenty times that on the heap), parsed the first time `body` is read.
 */
export function keepBodyText(record: RequestRecord, text: string | undefined): void {
  if (text !== undefined && !kept.has(record)) kept.set(record, { text })
}

/** The body text a record keeps, `undefined` when it keeps none. */
export function recordedBodyText(record: RequestRecord): string | undefined {
  return kept.get(record)?.text
}

/** Defines `body` on a new record as a getter over the text {@link keepBodyText} gives it. */
export function defineBody<T extends object>(record: T): T & Pick<RequestRecord, 'body'> {
  return Object.defineProperty(record, 'body', {
    enumerable: true,
    get(this: object) {
      const entry = kept.get(this)
      if (entry === undefined) return undefined
      entry.parsed ??= JSON.parse(entry.text) as Record<string, unknown>
      return entry.parsed
    },
  }) as T & Pick<RequestRecord, 'body'>
}
