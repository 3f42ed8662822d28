import { ConnectionError } from '../errors.js'
import type { LoadRace } from './abort.js'
import type { FetchFunction } from './options.js'

/**
 * Sends a request with `redirect: 'manual'`. A redirect reply (rare: an endpoint moved) is judged by
 * `redirectTarget`, loaded then: followed to the URL it gives, or refused with a {@link ConnectionError}.
 */
export async function fetchFollowingRedirects(
  fetch: FetchFunction,
  url: string,
  init: RequestInit,
  endpoint: string,
  race: LoadRace,
): Promise<Response> {
  let current = new URL(url)
  for (let hop = 0; ; hop++) {
    const response = await fetch(current.href, { ...init, redirect: 'manual' })
    if (response.type !== 'opaqueredirect' && !isRedirect(response)) return response
    const { redirectTarget } = await race(import('./redirect-target.js'))
    const target = redirectTarget(response, current, endpoint, hop)
    if (!(target instanceof URL)) throw new ConnectionError(target.message, target)
    current = target
  }
}

/** A 301, 302, 303, 307 or 308 with a `Location`. */
function isRedirect({ status, headers }: Response): boolean {
  return /^30[12378]$/.test(String(status)) && headers.has('location')
}
