import { readLimited } from '../adapter/read-limited.js'
import type { ChatError } from '../errors.js'
import { redactValues } from '../redact-values.js'
import type { LoadRace } from './abort.js'
import type { CallContext } from './call-context.js'
import { echoRedactor } from './error-echoes.js'

/**
 * The typed error of a non-2xx reply: the endpoint's mapping, else `errorFromBody`, loaded now; status and
 * headers filled in (the request id by the caller, which already holds `requestIdOf`). This module loads with
 * the first error reply: an app's bundle holds the error path in a lazy chunk. At most `maxErrorBodyBytes` of
 * the body are read; the call's known credentials are removed from it before it is parsed, folded or cut, so
 * that no part of a key survives either: in every form the client sent them and those a server may echo them in
 * (error-echoes.ts), and the start of one where the cap cut the body. The error built from it is cleaned alike.
 */
export async function replyError(call: CallContext, response: Response, race: LoadRace): Promise<ChatError> {
  const { text, truncated } = await readLimited(response.body, call.options.maxErrorBodyBytes)
  const redact = echoRedactor(call.redact)
  // A body cut at the cap ends with `…`, as a message cut short does: a key cut there goes from its start on.
  const body = redactValues(parseJSON(redact.exact(truncated ? `${text}…` : text)), redact)
  const { status, headers } = response
  const { toError } = call.endpoint
  const error =
    toError === undefined
      ? (await race(import('../error-from-body.js'))).errorFromBody(status, body, headers)
      : await toError(status, body, headers)
  const fields = error as { status: number | undefined; headers: Headers | undefined }
  fields.status ??= status
  fields.headers ??= headers
  return redact.error(error)
}

function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
