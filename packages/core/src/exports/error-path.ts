// exports/: the main entry's names for functions that lazy chunks use too. Each is a binding of its module,
// not a re-export: esbuild loads a module that index.ts re-exports and a lazy chunk imports in a chunk every
// importer of index.ts fetches up front, even when nothing up front calls it (core's pipeline alone paid
// ~460 B gzip for redactSecrets). A binding of its own ends that chain; the function is the same. Importing
// any name of a module here brings all its imports up front, hence one module per lazy chunk's needs.
//
// These two serve the error path; every client bundle loads both up front anyway.
import { redactSecrets as redact } from '../redact.js'
import { requestIdOf as requestId } from '../request-id.js'

/**
 * Removes what looks like a credential from a text a service sent back (an error message, a body),
 * so that no error message, log line or `JSON.stringify` of an error carries a key or token.
 * It errs on the side of redacting: a long token after a word such as `key` or `token` goes too.
 */
export const redactSecrets: (text: string) => string = redact

/** The service's request id in `headers`, from the first of the headers services use for it. */
export const requestIdOf: (headers: Headers | undefined) => string | undefined = requestId
