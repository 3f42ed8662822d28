/**
 * The URL of `path` under a base URL, keeping the base's query (some gateways put a key or version there),
 * tolerating a trailing slash, and setting `query` (URL-encoded). Throws a `TypeError` for what is not an
 * http(s) URL, and for a URL with a user name or password, which would travel in clear in logs and errors.
 */
export function urlUnder(
  origin: string,
  option: string,
  base: string | URL,
  path: string,
  query: Record<string, string> = {},
): string {
  let url: URL
  try {
    url = new URL(base)
  } catch {
    throw new TypeError(`${origin}: ${option} is not a valid URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`${origin}: ${option} must be an http or https URL, got ${url.protocol}`)
  }
  if (url.username !== '' || url.password !== '') {
    throw new TypeError(
      `${origin}: ${option} must not hold a user name or password; pass credentials as options`,
    )
  }
  url.hash = ''
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value)
  return url.toString()
}
