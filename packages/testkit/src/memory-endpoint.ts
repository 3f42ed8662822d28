/** One request as a {@link MemoryEndpoint} prepares it (core's `PreparedRequest`, which testkit does not import). */
export interface MemoryRequest {
  url: string
  headers: Record<string, string>
  body: Record<string, unknown>
}

/**
 * An endpoint of no real service, named `memory` (the name the client's messages give), for a client whose
 * `fetch` answers from memory (a {@link countedFetch}). It has the shape of core's `ChatEndpoint`.
 */
export interface MemoryEndpoint {
  readonly name: string
  /** The request itself is the body, unless `extraBody` was given. */
  prepare(request: Record<string, unknown>): MemoryRequest
  /** Present when `secrets` was given. */
  secrets?(): readonly string[]
}

/** Options of {@link memoryEndpoint}. */
export interface MemoryEndpointOptions {
  /** Where every request goes; `http://memory.invalid/` (an `.invalid` name never resolves) by default. */
  url?: string
  /** The headers of every request (a key, whose redaction a test checks); none by default. */
  headers?: Record<string, string>
  /** Fields put on every body over the request's own (a value JSON cannot hold, say). */
  extraBody?: Record<string, unknown>
  /** What the client must redact: the keys `url` and `headers` hold. */
  secrets?: readonly string[]
}

/** Creates a {@link MemoryEndpoint}. */
export function memoryEndpoint(options: MemoryEndpointOptions = {}): MemoryEndpoint {
  const { url = 'http://memory.invalid/', headers = {}, extraBody, secrets } = options
  return {
    name: 'memory',
    prepare: (request) => ({
      url,
      headers: { ...headers },
      body: extraBody === undefined ? request : { ...request, ...extraBody },
    }),
    ...(secrets === undefined ? {} : { secrets: () => secrets }),
  }
}
