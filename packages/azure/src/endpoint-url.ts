/**
 * Refuses an `endpoint` that the client would silently mangle, before any request: one with a query, or whose
 * path `bad` matches (a request URL pasted from the portal, a path the client adds itself). The `TypeError`
 * says what to pass (`form`) and shows the path it got, never the query (where a key may sit). A URL that does
 * not parse is left to `urlUnder`, which says so.
 */
export function checkEndpoint(
  origin: string,
  endpoint: string | URL,
  bad: (path: string, host: string) => boolean,
  form: string,
): void {
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    return
  }
  if (url.search === '' && !bad(url.pathname, url.hostname)) return
  const query = url.search === '' ? '' : '?…'
  throw new TypeError(
    `${origin}: endpoint must be ${form}; the client adds the path and the query (got ${url.pathname}${query})`,
  )
}
