import { ChatError } from '../errors.js'

/**
 * Why a turn failed when something threw in it instead of the request failing: an option of the app (a
 * `request` function, `generateId`, tools no request can declare, a result JSON cannot hold) or a chunk of the
 * chat's code that did not load. A `ChatError` is kept as it is; anything else becomes the `cause` of one that
 * says so, its words not in the message (they may quote the thread). One message for all: the cause tells.
 */
export function turnFailure(thrown: unknown): ChatError {
  return thrown instanceof ChatError
    ? thrown
    : new ChatError("The chat's turn failed: an option threw, or a chunk of its code did not load", {
        cause: thrown,
      })
}
