import type { ChatErrorOptions } from '../errors.js'

/** Redirects followed for one attempt before giving up. */
export const MAX_REDIRECTS = 5

/**
 * Where a redirect reply to `current` may be followed: only where credentials may go, 307 and 308 (which keep
 * the method and body) to the same origin, at most {@link MAX_REDIRECTS} times. Any other redirect is refused
 * with the message and options of a `ConnectionError` carrying its status and saying what to do; it names the
 * target's origin only, never its path or query (a SAS token may sit there). Browsers hide a manual
 * redirect's target (an `opaqueredirect` reply): refused too. The reply's body is cancelled.
 */
export function redirectTarget(
  response: Response,
  current: URL,
  endpoint: string,
  hop: number,
): URL | (ChatErrorOptions & { message: string }) {
  const { status, headers } = response
  if (response.type === 'opaqueredirect') {
    return {
      message: `${endpoint} answered with a redirect whose target the browser hides; point the endpoint at the final URL`,
      code: 'redirect',
    }
  }
  void response.body?.cancel().catch(() => {})
  const refuse = (message: string, code = 'redirect') => ({
    message: `${endpoint} ${message}`,
    status,
    headers,
    code,
  })
  let target: URL
  try {
    target = new URL(headers.get('location') as string, current)
  } catch {
    return refuse(`answered ${status} with a Location that is not a URL`)
  }
  if (target.origin !== current.origin) {
    return refuse(
      `redirected (${status}) to another origin, ${target.origin}; the redirect was not followed, so that no ` +
        'credential leaves the origin it was meant for. Point the endpoint there if you trust it',
      'cross_origin_redirect',
    )
  }
  if (status < 307) {
    return refuse(
      `answered ${status}, a redirect that turns a POST into a GET; only 307 and 308 are followed. ` +
        'Point the endpoint at the final URL',
    )
  }
  if (hop >= MAX_REDIRECTS) return refuse(`redirected more than ${MAX_REDIRECTS} times`, 'too_many_redirects')
  return target
}
