import type { ChatCompletion } from '../schema/response.js'
import type { LoadRace } from './abort.js'
import type { NotACompletion } from './not-a-completion.js'
import type { Reply } from './send-request.js'

/**
 * Reads a non-streamed reply: at most `maxBytes` (counted as it arrives, after decompression), JSON, then a
 * cheap check of its shape (an object with a `choices` array of choices, each with a message object whose
 * content is text, parts or nothing, and whose tool calls' arguments are text or an object, which becomes its
 * JSON text); the full schema is the caller's to apply if it wants. A body that is not a completion is a {@link MalformedStreamError} that does not quote
 * it (an event stream says so: the route only streams); a 2xx body holding `{"error": …}` (some gateways
 * send that) is the typed error it describes. This module loads with a client's first `complete()`: a bundle
 * that only streams never holds it. The caller closes the reply. `race` races the loads of the rarer paths'
 * code with the reply's signal (given by the caller, so that this chunk shares no module with the main one).
 */
export async function readCompletion(
  reply: Reply,
  maxBytes: number,
  race: LoadRace,
): Promise<ChatCompletion> {
  const { response } = reply
  const { headers } = response
  // Why a reply is not a completion, and its message, load with the first such reply.
  const refuse = async (why: NotACompletion, size?: number, path?: string) =>
    (await race(import('./not-a-completion.js'))).notACompletion(why, response, size, path)
  if (/^\s*text\/event-stream\s*(;|$)/i.test(headers.get('content-type') ?? ''))
    throw await refuse('event-stream')
  // One decoder for the pieces as they come: a character split between two pieces is decoded whole.
  const decoder = new TextDecoder()
  let text = ''
  let bytes = 0
  for (let read = await reply.read(); !read.done; read = await reply.read()) {
    bytes += read.value.byteLength
    if (bytes > maxBytes) throw await refuse('too-large', maxBytes)
    text += decoder.decode(read.value, { stream: true })
  }
  text += decoder.decode()
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw await refuse('not-json', text.length)
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw await refuse('not-object')
  const { choices, error } = body as { choices?: unknown; error?: unknown }
  if (error !== undefined && error !== null && choices === undefined) {
    const { errorFromBody } = await race(import('../error-from-body.js'))
    throw errorFromBody(undefined, body, headers)
  }
  if (!Array.isArray(choices)) throw await refuse('no-choices')
  // As many as a stream may have: each choice's outcome looks its choice up, so a hostile reply of 80,000
  // choices cost seconds of CPU (no real one has more than `n`, at most 128).
  if (choices.length > MAX_CHOICES) throw await refuse('too-many-choices', MAX_CHOICES)
  for (let index = 0; index < choices.length; index++) {
    const fault = readChoice(choices[index], `choices[${index}]`)
    if (fault !== undefined) throw await refuse(fault[0], undefined, fault[1])
  }
  const completion = body as ChatCompletion
  // Content as parts (Mistral's reasoning models) is folded into text by a module loaded for such a reply.
  return completion.choices.some((choice) => Array.isArray(choice.message.content))
    ? (await race(import('../reply-content.js'))).foldReplyContent(completion)
    : completion
}

/** A stream's cap (`MAX_STREAM_INDEX`), not imported: this chunk shares no module with the main one. */
const MAX_CHOICES = 1024

type Loose = Record<string, unknown>

const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null

/**
 * Checks one choice as the stream's accumulator would read it, and why it is not one (with the path of the
 * field) when it is not. Arguments sent as an object (a few OpenAI-compatible hosts do) become their JSON text
 * in place, as a stream's do: the completion then matches its type and the outcome reads them.
 */
function readChoice(choice: unknown, path: string): [NotACompletion, string] | undefined {
  if (!isObject(choice)) return ['not-a-choice', path]
  const { message } = choice
  if (!isObject(message) || Array.isArray(message)) return ['no-message', path]
  const { content, tool_calls: calls } = message
  if (content != null && typeof content !== 'string' && !Array.isArray(content))
    return ['bad-content', `${path}.message.content`]
  if (!Array.isArray(calls)) return undefined
  for (let index = 0; index < calls.length; index++) {
    const fn = (calls[index] as Loose | null | undefined)?.function
    if (!isObject(fn)) continue
    const args = fn.arguments
    if (args == null || typeof args === 'string') continue
    const where = `${path}.message.tool_calls[${index}].function.arguments`
    if (typeof args !== 'object') return ['bad-arguments', where]
    try {
      fn.arguments = JSON.stringify(args)
    } catch {
      // Nested deeper than JSON.stringify goes.
      return ['bad-arguments', where]
    }
  }
  return undefined
}
