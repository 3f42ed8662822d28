import type { ChatCompletion } from './schema/response.js'

type Loose = Record<string, unknown>

/**
 * A non-streamed completion with each message's content as text, as the accumulator gives a stream's: hosts
 * such as Mistral send `content` as parts, `{type:'text', text}` for the answer and `{type:'thinking',
 * thinking:[{type:'text', text}]}` for reasoning. Text parts are joined into `content`, thinking into
 * `reasoning_content` (after any the message had), refusal parts into `refusal`; parts without text
 * (`reference`, …) are left out. Returns the same object when no message has parts; never changes its input.
 */
export function foldReplyContent(completion: ChatCompletion): ChatCompletion {
  if (!completion.choices.some((choice) => Array.isArray(choice.message.content))) return completion
  return {
    ...completion,
    choices: completion.choices.map((choice) =>
      Array.isArray(choice.message.content)
        ? { ...choice, message: foldParts(choice.message, choice.message.content) }
        : choice,
    ),
  }
}

function foldParts<Message extends Loose>(message: Message, parts: readonly unknown[]): Message {
  let content = ''
  let refusal = ''
  let reasoning = ''
  for (const part of parts) {
    if (typeof part !== 'object' || part === null) continue
    const { type, text, refusal: refused, thinking } = part as Loose
    if (type === 'text' && typeof text === 'string') content += text
    else if (type === 'refusal' && typeof refused === 'string') refusal += refused
    else if (type === 'thinking') reasoning += thinkingText(thinking)
  }
  const folded: Loose = { ...message, content: content === '' ? null : content }
  if (refusal !== '') folded.refusal = joined(message.refusal, refusal)
  if (reasoning !== '') folded.reasoning_content = joined(message.reasoning_content, reasoning)
  return folded as Message
}

function thinkingText(thinking: unknown): string {
  if (typeof thinking === 'string') return thinking
  if (!Array.isArray(thinking)) return ''
  let text = ''
  for (const part of thinking) {
    if (typeof part === 'object' && part !== null && typeof (part as Loose).text === 'string')
      text += (part as Loose).text
  }
  return text
}

function joined(before: unknown, after: string): string {
  return typeof before === 'string' ? before + after : after
}
