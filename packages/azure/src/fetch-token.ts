// The class from its own entry: importing the main one here would make all of core a chunk shared with this
// lazy one, split from the entry's.
import { AuthenticationError } from '@chatwire/core/errors'
import type { TokenProvider, TokenRequest } from './azure-credential.js'

/**
 * Asks the token provider for a token: its failure is an {@link AuthenticationError} with its words cleaned by
 * `redact` (core's `redactSecrets`, handed over by the caller, whose bundle holds it anyway), an empty answer
 * one that says so. Loaded with the first token; the caller checks the token as a header value.
 */
export async function fetchToken(
  origin: string,
  getToken: TokenProvider,
  request: TokenRequest,
  redact: (text: string) => string,
): Promise<string> {
  let answer: Awaited<ReturnType<TokenProvider>>
  try {
    answer = await getToken(request)
  } catch (error) {
    if (request.signal.aborted) throw error
    const said = error instanceof Error ? `: ${redact(error.message)}` : ''
    throw new AuthenticationError(`${origin}: getToken failed${said}`, { cause: error })
  }
  const token = typeof answer === 'string' ? answer : answer?.token
  if (typeof token !== 'string' || token.trim() === '') {
    throw new AuthenticationError(`${origin}: getToken returned no token`)
  }
  return token
}
