// Why a request did not go out: the service unreachable, no fetch at all, an endpoint that could not prepare it.
// Loaded with the first such failure: an app's bundle holds it in a lazy chunk.
import { ChatError } from '../errors.js'

/**
 * "Could not reach openai at https://api.openai.com: fetch failed (ECONNREFUSED)": the URL's origin only (its
 * path or query may hold a key), the engine's words and the system's code, which says what went wrong.
 */
export function unreachable(endpoint: string, url: string, error: unknown): string {
  let origin = 'an invalid URL'
  try {
    origin = new URL(url).origin
  } catch {}
  let said = String(error)
  if (error instanceof Error) {
    const cause = error.cause as { code?: unknown; message?: unknown } | undefined
    const detail = typeof cause?.code === 'string' ? cause.code : cause?.message
    said = typeof detail === 'string' && detail !== '' ? `${error.message} (${detail})` : error.message
  }
  return `Could not reach ${endpoint} at ${origin}: ${said}`
}

/** A runtime without `globalThis.fetch`, and no `fetch` option. */
export function noFetch(): ChatError {
  return new ChatError(
    'No fetch function: this runtime has no globalThis.fetch; pass one as the `fetch` option',
  )
}

/** An endpoint's `prepare` threw what is not a ChatError (its own bug, a token provider's): wrapped, its words kept. */
export function unprepared(endpoint: string, error: unknown): ChatError {
  const said = error instanceof Error ? error.message : String(error)
  return new ChatError(`${endpoint} could not prepare the request: ${said}`, { cause: error })
}
