// The class from its own entry: importing the main one here would make all of core a chunk shared with this
// lazy one, split from the entry's.
import { AuthenticationError } from '@chatwire/core/errors'
import type { TokenProvider, TokenRequest } from './azure-credential.js'

/** A CR or LF would split the `authorization` header in two (`fetch` refuses NUL too). */
const FORBIDDEN_IN_HEADER = /[\r\n\0]/

/**
 * Asks the token provider for a token: its failure is an {@link AuthenticationError} with its words cleaned by
 * `redact` (core's `redactSecrets`, handed over by the caller, whose bundle holds it anyway), and so is an
 * answer that is no token (empty, not a string) or one that cannot travel in a header, whose message never
 * shows it. Loaded with the first token.
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
  if (FORBIDDEN_IN_HEADER.test(token)) {
    throw new AuthenticationError(
      `${origin}: getToken returned a token with a line break or NUL, which cannot be sent in a header (the token is not shown)`,
    )
  }
  return token
}
