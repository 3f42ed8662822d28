import { ConnectionError } from '../errors.js'
import type { FetchFunction } from './options.js'

/** Redirects followed for one attempt before giving up. */
export const MAX_REDIRECTS = 5

/**
 * Sends a request with `redirect: 'manual'` and follows redirects only where credentials may go:
 * 307 and 308 (which keep the method and body) to the same origin, at most {@link MAX_REDIRECTS} times.
 * Any other redirect reply is a {@link ConnectionError} carrying its status and a message that says what to
 * do; it names the target's origin only, never its path or query (a SAS token may sit there).
 * Browsers hide a manual redirect's target (an `opaqueredirect` reply): that is a ConnectionError too.
 */
export async function fetchFollowingRedirects(
  fetch: FetchFunction,
  url: string,
  init: RequestInit,
  endpoint: string,
): Promise<Response> {
  let current = new URL(url)
  for (let hop = 0; ; hop++) {
    const response = await fetch(current.href, { ...init, redirect: 'manual' })
    if (response.type === 'opaqueredirect') {
      throw new ConnectionError(
        `${endpoint} answered with a redirect whose target the browser hides; point the endpoint at the final URL`,
        { code: 'redirect' },
      )
    }
    const location = isRedirect(response.status) ? response.headers.get('location') : null
    if (location === null) return response
    void response.body?.cancel().catch(() => {})
    const refuse = (message: string, code: string) =>
      new ConnectionError(message, { status: response.status, headers: response.headers, code })
    const target = parseURL(location, current)
    if (target === undefined) {
      throw refuse(`${endpoint} answered ${response.status} with a Location that is not a URL`, 'redirect')
    }
    if (target.origin !== current.origin) {
      throw refuse(
        `${endpoint} redirected (${response.status}) to another origin, ${target.origin}; the redirect was not ` +
          'followed, so that no credential leaves the origin it was meant for. Point the endpoint there if you trust it',
        'cross_origin_redirect',
      )
    }
    if (response.status !== 307 && response.status !== 308) {
      throw refuse(
        `${endpoint} answered ${response.status}, a redirect that turns a POST into a GET; only 307 and 308 are ` +
          'followed. Point the endpoint at the final URL',
        'redirect',
      )
    }
    if (hop >= MAX_REDIRECTS) {
      throw refuse(`${endpoint} redirected more than ${MAX_REDIRECTS} times`, 'too_many_redirects')
    }
    current = target
  }
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308
}

function parseURL(location: string, base: URL): URL | undefined {
  try {
    return new URL(location, base)
  } catch {
    return undefined
  }
}
