const DECIMAL = /^\d+(?:\.\d+)?$/

/**
 * The delay, in milliseconds, that a reply's headers ask for before a retry, or `undefined` when they
 * give none. Read in this order, the first valid one wins:
 * `retry-after-ms` (OpenAI, milliseconds), `x-ms-retry-after-ms` (Azure, milliseconds),
 * `retry-after` as seconds or as an HTTP date (RFC 9110 §10.2.3; a date in the past gives 0).
 * `now` (epoch milliseconds) is injectable for tests.
 */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (headers === undefined) return undefined
  return (
    milliseconds(headers.get('retry-after-ms')) ??
    milliseconds(headers.get('x-ms-retry-after-ms')) ??
    secondsOrDate(headers.get('retry-after'), now)
  )
}

function milliseconds(value: string | null): number | undefined {
  const text = value?.trim()
  return text !== undefined && DECIMAL.test(text) ? Math.round(Number(text)) : undefined
}

function secondsOrDate(value: string | null, now: number): number | undefined {
  const text = value?.trim()
  if (text === undefined || text === '') return undefined
  if (DECIMAL.test(text)) return Math.round(Number(text) * 1000)
  // Only a text with a month name is read as a date: Date.parse reads "5" as 2005 and "-5" as 5 BC.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

// Azure: "… Please retry after 6 seconds." OpenAI: "… Please try again in 1.898s." / "in 20ms" / "in 6m0s".
const RETRY_AFTER_SECONDS = /\bretry after (\d+(?:\.\d+)?) ?(?:seconds?|secs?|s)\b/i
const TRY_AGAIN_IN = /\btry again in (?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+(?:\.\d+)?)(ms|s))?\b/i

/**
 * The delay, in milliseconds, that an error message asks for ("Please retry after 6 seconds",
 * "Please try again in 1.5s"), for services that say it only in words. `undefined` when it says none.
 */
export function retryAfterMsFromMessage(message: string): number | undefined {
  const seconds = RETRY_AFTER_SECONDS.exec(message)
  if (seconds?.[1] !== undefined) return Math.round(Number(seconds[1]) * 1000)
  const parts = TRY_AGAIN_IN.exec(message)
  if (parts === null) return undefined
  const [, hours, minutes, amount, unit] = parts
  if (hours === undefined && minutes === undefined && amount === undefined) return undefined
  const rest = amount === undefined ? 0 : Number(amount) * (unit === 'ms' ? 1 : 1000)
  return Math.round((Number(hours ?? 0) * 60 + Number(minutes ?? 0)) * 60_000 + rest)
}
