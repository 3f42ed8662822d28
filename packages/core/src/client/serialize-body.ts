import { InvalidRequestError } from '../errors.js'
import { formatIssuePath } from '../issue-path.js'

/**
 * The {@link InvalidRequestError} of a request body that `JSON.stringify` threw on (a cycle, a `BigInt`, a
 * `toJSON` that throws), naming the field and the kind of fault, never the value. The search for the field
 * is loaded only then.
 */
export async function unserializable(body: unknown, error: unknown): Promise<InvalidRequestError> {
  const { findUnserializable } = await import('./find-unserializable.js')
  const found = findUnserializable(body, [], new Set())
  const path = found === undefined ? undefined : formatIssuePath(found.path)
  const reason = found?.reason ?? (error instanceof Error ? error.name : 'an unknown fault')
  const where = path === undefined || path === '' ? '' : ` at ${path}`
  return new InvalidRequestError(`The request cannot be serialised as JSON${where}: ${reason}`, {
    issues: [{ path: path ?? '', message: `Cannot be serialised as JSON: ${reason}` }],
  })
}
