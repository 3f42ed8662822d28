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
