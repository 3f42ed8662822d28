// The main entry's names for two functions that the error path (a lazy chunk) uses too. They are bindings of
// this module, not re-exports: esbuild loads a module that index.ts re-exports and a lazy chunk imports in
// a chunk every importer of index.ts fetches up front, even when nothing up front calls it (core's pipeline
// alone paid ~460 B gzip for it). A binding of its own ends that chain; the function is the same. A module
// that imports one of them makes this one live, so each import here must be one that bundle loads anyway.
import { redactSecrets as redact } from './redact.js'
import { requestIdOf as requestId } from './request-id.js'

/**
 * Removes what looks like a credential from a text a service sent back (an error message, a body),
 * so that no error message, log line or `JSON.stringify` of an error carries a key or token.
 * It errs on the side of redacting: a long token after a word such as `key` or `token` goes too.
 */
export const redactSecrets: (text: string) => string = redact

/** The service's request id in `headers`, from the first of the headers services use for it. */
export const requestIdOf: (headers: Headers | undefined) => string | undefined = requestId
