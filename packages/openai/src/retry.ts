// The retry policy (`retryDelay`, `isRetryable`) and the reading of the services' retry hints, from this package:
// `import { isRetryable } from '@chatwire/openai/retry'`. An entry of its own, as in core: the client loads it
// with the first failure, and a re-export from the main entry would load it up front in every app.
export * from '@chatwire/core/retry'
