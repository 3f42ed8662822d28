// complete() loads reply-content.ts for a reply whose content comes as parts (see error-path.ts for why this
// is a binding).
import { foldReplyContent as fold } from '../reply-content.js'
import type { ChatCompletion } from '../schema/response.js'

/**
 * A non-streamed completion with each message's content as text, as the accumulator gives a stream's: hosts
 * such as Mistral send `content` as parts, `{type:'text', text}` for the answer and `{type:'thinking',
 * thinking:[{type:'text', text}]}` for reasoning. Text parts are joined into `content`, thinking into
 * `reasoning_content` (after any the message had), refusal parts into `refusal`; parts without text
 * (`reference`, …) are left out. Returns the same object when no message has parts; never changes its input.
 */
export const foldReplyContent: (completion: ChatCompletion) => ChatCompletion = fold
