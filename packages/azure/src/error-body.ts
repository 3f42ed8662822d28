// `errorFromBody` and `readErrorBody` (for a `toError` of your own), from this package:
// `import { errorFromBody } from '@chatwire/azure/error-body'`. An entry of its own, as in core: the client loads
// it with the first error, and a re-export from the main entry would load it up front in every app.
export * from '@chatwire/core/error-body'
