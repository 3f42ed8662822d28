import { ChatError } from '../errors.js'

/**
 * A chat was asked to start a turn (`send`, `regenerate`, `edit`, a tool result that continues) or to replace
 * its messages while a turn is running (status `submitted` or `streaming`, or client tools running). Nothing
 * was added or sent: the caller still holds what the user typed. Wait for `ready`, or `stop()` first.
 */
export class ChatBusyError extends ChatError {
  override name = 'ChatBusyError'

  constructor(action: string) {
    super(`The chat is busy with a reply: ${action} waits until it ends (or call stop() first)`, {
      code: 'busy',
    })
  }
}
