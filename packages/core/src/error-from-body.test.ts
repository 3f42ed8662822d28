import { describe, expect, it } from 'vitest'
import { errorFromBody } from './error-from-body.js'
import {
  AbortError,
  AuthenticationError,
  ChatError,
  ConnectionError,
  ContentFilterError,
  IncompleteStreamError,
  InvalidRequestError,
  MalformedStreamError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from './errors.js'

/** Everything an error shows a caller, as one value. */
function view(error: ChatError): Record<string, unknown> {
  return {
    ...error.toJSON(),
    type: error.type,
    ...(error instanceof ContentFilterError ? { results: error.results } : {}),
  }
}

const AZURE_FILTER = {
  hate: { filtered: false, severity: 'safe' },
  jailbreak: { filtered: true, detected: true },
  self_harm: { filtered: false, severity: 'safe' },
  sexual: { filtered: false, severity: 'safe' },
  violence: { filtered: true, severity: 'high' },
}
const AZURE_FILTER_MESSAGE =
  "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry."
const HTML_PAGE =
  '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>nginx</p></body></html>'

interface Case {
  status: number | undefined
  body: unknown
  headers?: Record<string, string>
  kind: new (...args: never[]) => ChatError
  expected: Record<string, unknown>
}

const base = { status: undefined, code: undefined, type: undefined, requestId: undefined }

const cases: Record<string, Case> = {
  'an OpenAI 401 as AuthenticationError, key redacted, request id kept': {
    status: 401,
    body: {
      error: {
        message:
          'Incorrect API key provided: sk-proj-abc12***************wxyz. You can find your API key at https://platform.openai.com/account/api-keys.',
        type: 'invalid_request_error',
        code: 'invalid_api_key',
        param: null,
      },
    },
    headers: { 'x-request-id': 'req_123' },
    kind: AuthenticationError,
    expected: {
      ...base,
      name: 'AuthenticationError',
      message:
        '401 Unauthorized: Incorrect API key provided: sk-[redacted]. You can find your API key at https://platform.openai.com/account/api-keys.',
      status: 401,
      code: 'invalid_api_key',
      type: 'invalid_request_error',
      requestId: 'req_123',
    },
  },
  'an API Management 401 {statusCode, message} with apim-request-id': {
    status: 401,
    body: {
      statusCode: 401,
      message: 'Access denied due to invalid subscription key or wrong API endpoint.',
    },
    headers: { 'apim-request-id': 'apim-1' },
    kind: AuthenticationError,
    expected: {
      ...base,
      name: 'AuthenticationError',
      message: '401 Unauthorized: Access denied due to invalid subscription key or wrong API endpoint.',
      status: 401,
      requestId: 'apim-1',
    },
  },
  'an Azure 403 as AuthenticationError': {
    status: 403,
    body: {
      error: { code: 'PermissionDenied', message: 'Principal does not have access to API/Operation.' },
    },
    headers: { 'x-ms-request-id': 'ms-1' },
    kind: AuthenticationError,
    expected: {
      ...base,
      name: 'AuthenticationError',
      message: '403 Forbidden: Principal does not have access to API/Operation.',
      status: 403,
      code: 'PermissionDenied',
      requestId: 'ms-1',
    },
  },
  'a 401 body given as JSON text': {
    status: 401,
    body: '{"error":{"message":"Invalid API Key","code":"invalid_api_key"}}',
    kind: AuthenticationError,
    expected: {
      ...base,
      name: 'AuthenticationError',
      message: '401 Unauthorized: Invalid API Key',
      status: 401,
      code: 'invalid_api_key',
    },
  },
  'an Azure 404 for a missing deployment': {
    status: 404,
    body: {
      error: {
        code: 'DeploymentNotFound',
        message: 'The API deployment for this resource does not exist.',
      },
    },
    kind: NotFoundError,
    expected: {
      ...base,
      name: 'NotFoundError',
      message: '404 Not Found: The API deployment for this resource does not exist.',
      status: 404,
      code: 'DeploymentNotFound',
    },
  },
  'a FastAPI 404 {detail: "Not Found"}': {
    status: 404,
    body: { detail: 'Not Found' },
    kind: NotFoundError,
    expected: { ...base, name: 'NotFoundError', message: '404 Not Found: Not Found', status: 404 },
  },
  'an OpenAI 400 with param as InvalidRequestError with that path': {
    status: 400,
    body: {
      error: {
        message: "Invalid type for 'temperature': expected a decimal, but got a string instead.",
        type: 'invalid_request_error',
        param: 'temperature',
        code: 'invalid_type',
      },
    },
    kind: InvalidRequestError,
    expected: {
      ...base,
      name: 'InvalidRequestError',
      message:
        "400 Bad Request: Invalid type for 'temperature': expected a decimal, but got a string instead.",
      status: 400,
      code: 'invalid_type',
      type: 'invalid_request_error',
      path: 'temperature',
      issues: [
        {
          path: 'temperature',
          message: "Invalid type for 'temperature': expected a decimal, but got a string instead.",
        },
      ],
    },
  },
  'an OpenAI 400 whose param uses the `.[2]` index form': {
    status: 400,
    body: { error: { message: 'Invalid role.', type: 'invalid_request_error', param: 'messages.[2].role' } },
    kind: InvalidRequestError,
    expected: {
      ...base,
      name: 'InvalidRequestError',
      message: '400 Bad Request: Invalid role.',
      status: 400,
      type: 'invalid_request_error',
      path: 'messages[2].role',
      issues: [{ path: 'messages[2].role', message: 'Invalid role.' }],
    },
  },
  'a 400 without a param as InvalidRequestError without issues': {
    status: 400,
    body: { error: { message: 'context length exceeded', code: 'context_length_exceeded' } },
    kind: InvalidRequestError,
    expected: {
      ...base,
      name: 'InvalidRequestError',
      message: '400 Bad Request: context length exceeded',
      status: 400,
      code: 'context_length_exceeded',
      path: undefined,
      issues: [],
    },
  },
  'a 422 with a FastAPI detail list as issues with paths': {
    status: 422,
    body: {
      detail: [
        {
          loc: ['body', 'messages', 0, 'role'],
          msg: "Input should be 'system', 'user', 'assistant' or 'tool'",
          type: 'literal_error',
        },
        {
          loc: ['body', 'temperature'],
          msg: 'Input should be less than or equal to 2',
          type: 'less_than_equal',
        },
      ],
    },
    kind: InvalidRequestError,
    expected: {
      ...base,
      name: 'InvalidRequestError',
      message:
        "422 Unprocessable Content: messages[0].role: Input should be 'system', 'user', 'assistant' or 'tool' (and 1 more)",
      status: 422,
      path: 'messages[0].role',
      issues: [
        { path: 'messages[0].role', message: "Input should be 'system', 'user', 'assistant' or 'tool'" },
        { path: 'temperature', message: 'Input should be less than or equal to 2' },
      ],
    },
  },
  'a 422 with a single detail object': {
    status: 422,
    body: { detail: { loc: ['body', 'max_tokens'], msg: 'Input should be a valid integer' } },
    kind: InvalidRequestError,
    expected: {
      ...base,
      name: 'InvalidRequestError',
      message: '422 Unprocessable Content: max_tokens: Input should be a valid integer',
      status: 422,
      path: 'max_tokens',
      issues: [{ path: 'max_tokens', message: 'Input should be a valid integer' }],
    },
  },
  'a flat 422 {status, code, message, detail}': {
    status: 422,
    body: {
      status: 422,
      code: 'invalid_payload',
      message: 'Invalid payload',
      detail: [{ loc: ['body', 'tools', 1, 'function', 'name'], msg: 'Field required' }],
    },
    kind: InvalidRequestError,
    expected: {
      ...base,
      name: 'InvalidRequestError',
      message: '422 Unprocessable Content: Invalid payload',
      status: 422,
      code: 'invalid_payload',
      path: 'tools[1].function.name',
      issues: [{ path: 'tools[1].function.name', message: 'Field required' }],
    },
  },
  // Mistral's verbatim 422: the FastAPI list nested in `message`. Its `input` (the value sent) is never read.
  "Mistral's 422 {object: 'error', message: {detail: [...]}}": {
    status: 422,
    body: {
      object: 'error',
      message: {
        detail: [
          {
            type: 'extra_forbidden',
            loc: ['body', 'max_completion_tokens'],
            msg: 'Extra inputs are not permitted',
            input: 'the value the request sent',
          },
        ],
      },
      type: 'invalid_request_error',
      param: null,
      code: null,
    },
    kind: InvalidRequestError,
    expected: {
      ...base,
      name: 'InvalidRequestError',
      message: '422 Unprocessable Content: max_completion_tokens: Extra inputs are not permitted',
      status: 422,
      type: 'invalid_request_error',
      path: 'max_completion_tokens',
      issues: [{ path: 'max_completion_tokens', message: 'Extra inputs are not permitted' }],
    },
  },
  "Azure AI serverless's 422 {error: ['...', '...']}, every message kept": {
    status: 422,
    body: { error: ["Input should be 'user', 'assistant' or 'system'", 'Extra inputs are not permitted'] },
    kind: InvalidRequestError,
    expected: {
      ...base,
      name: 'InvalidRequestError',
      message:
        "422 Unprocessable Content: Input should be 'user', 'assistant' or 'system'; Extra inputs are not permitted",
      status: 422,
      path: undefined,
      issues: [],
    },
  },
  'an Azure 400 content filter (innererror.content_filter_result)': {
    status: 400,
    body: {
      error: {
        message: AZURE_FILTER_MESSAGE,
        type: null,
        param: 'prompt',
        code: 'content_filter',
        status: 400,
        innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: AZURE_FILTER },
      },
    },
    headers: { 'apim-request-id': 'apim-2' },
    kind: ContentFilterError,
    expected: {
      ...base,
      name: 'ContentFilterError',
      message: `400 Bad Request: ${AZURE_FILTER_MESSAGE}`,
      status: 400,
      code: 'content_filter',
      requestId: 'apim-2',
      results: AZURE_FILTER,
    },
  },
  'an Azure AI Model Inference 400 content filter (inner_error.content_filter_results)': {
    status: 400,
    body: {
      error: {
        code: 'content_filter',
        message: AZURE_FILTER_MESSAGE,
        inner_error: { code: 'ResponsibleAIPolicyViolation', content_filter_results: AZURE_FILTER },
      },
    },
    kind: ContentFilterError,
    expected: {
      ...base,
      name: 'ContentFilterError',
      message: `400 Bad Request: ${AZURE_FILTER_MESSAGE}`,
      status: 400,
      code: 'content_filter',
      results: AZURE_FILTER,
    },
  },
  'a 400 whose only sign of a filter is innererror.code ResponsibleAIPolicyViolation': {
    status: 400,
    body: {
      error: {
        code: 'BadRequest',
        message: 'Blocked.',
        innererror: { code: 'ResponsibleAIPolicyViolation' },
      },
    },
    kind: ContentFilterError,
    expected: {
      ...base,
      name: 'ContentFilterError',
      message: '400 Bad Request: Blocked.',
      status: 400,
      code: 'BadRequest',
      results: undefined,
    },
  },
  'a 400 whose only sign of a filter is the results': {
    status: 400,
    body: { error: { message: 'Blocked.', content_filter_results: AZURE_FILTER } },
    kind: ContentFilterError,
    expected: {
      ...base,
      name: 'ContentFilterError',
      message: '400 Bad Request: Blocked.',
      status: 400,
      results: AZURE_FILTER,
    },
  },
  'a 429 with retry-after-ms as RateLimitError with that delay': {
    status: 429,
    body: {
      error: {
        message:
          'Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000, Used 30000, Requested 1.',
        type: 'tokens',
        code: 'rate_limit_exceeded',
      },
    },
    headers: { 'retry-after-ms': '1500', 'retry-after': '2', 'x-request-id': 'req_9' },
    kind: RateLimitError,
    expected: {
      ...base,
      name: 'RateLimitError',
      message:
        '429 Too Many Requests: Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000, Used 30000, Requested 1.',
      status: 429,
      code: 'rate_limit_exceeded',
      type: 'tokens',
      requestId: 'req_9',
      retryAfterMs: 1500,
    },
  },
  'an Azure 429 that gives the delay only in words': {
    status: 429,
    body: {
      error: {
        code: '429',
        message:
          'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds.',
      },
    },
    kind: RateLimitError,
    expected: {
      ...base,
      name: 'RateLimitError',
      message:
        '429 Too Many Requests: Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds.',
      status: 429,
      code: '429',
      retryAfterMs: 6000,
    },
  },
  'a 429 without any delay': {
    status: 429,
    body: undefined,
    kind: RateLimitError,
    expected: {
      ...base,
      name: 'RateLimitError',
      message: '429 Too Many Requests: no details in the reply',
      status: 429,
      retryAfterMs: undefined,
    },
  },
  'an OpenAI 500 as ServerError': {
    status: 500,
    body: {
      error: {
        message: 'The server had an error while processing your request. Sorry about that!',
        type: 'server_error',
        code: null,
      },
    },
    kind: ServerError,
    expected: {
      ...base,
      name: 'ServerError',
      message:
        '500 Internal Server Error: The server had an error while processing your request. Sorry about that!',
      status: 500,
      type: 'server_error',
    },
  },
  'a 502 HTML page from a proxy, without any of its HTML': {
    status: 502,
    body: HTML_PAGE,
    kind: ServerError,
    expected: {
      ...base,
      name: 'ServerError',
      message:
        '502 Bad Gateway: the service answered with an HTML page, not an error body (a proxy or gateway?)',
      status: 502,
    },
  },
  'a 503 in plain text, first line only': {
    status: 503,
    body: 'upstream connect error or disconnect/reset before headers. reset reason: overflow\nmore lines',
    kind: ServerError,
    expected: {
      ...base,
      name: 'ServerError',
      message:
        '503 Service Unavailable: upstream connect error or disconnect/reset before headers. reset reason: overflow',
      status: 503,
    },
  },
  'a 504 with an empty body': {
    status: 504,
    body: '',
    kind: ServerError,
    expected: {
      ...base,
      name: 'ServerError',
      message: '504 Gateway Timeout: no details in the reply',
      status: 504,
    },
  },
  'a 500 whose body is cut-off JSON': {
    status: 500,
    body: '{"error": {"message": "The ser',
    kind: ServerError,
    expected: {
      ...base,
      name: 'ServerError',
      message: '500 Internal Server Error: the error body could not be read',
      status: 500,
    },
  },
  'a 599 with a status it has no name for': {
    status: 599,
    body: { message: 'Network connect timeout' },
    kind: ServerError,
    expected: { ...base, name: 'ServerError', message: '599: Network connect timeout', status: 599 },
  },
  'a 409 as a plain ChatError': {
    status: 409,
    body: { error: { message: 'Conflict on the resource.', code: 'conflict' } },
    kind: ChatError,
    expected: {
      ...base,
      name: 'ChatError',
      message: '409 Conflict: Conflict on the resource.',
      status: 409,
      code: 'conflict',
    },
  },
  'an in-stream rate limit by its code': {
    status: undefined,
    body: {
      error: {
        message: 'Rate limit reached. Please try again in 1.5s.',
        type: 'tokens',
        code: 'rate_limit_exceeded',
      },
    },
    kind: RateLimitError,
    expected: {
      ...base,
      name: 'RateLimitError',
      message: 'Rate limit reached. Please try again in 1.5s.',
      code: 'rate_limit_exceeded',
      type: 'tokens',
      retryAfterMs: 1500,
    },
  },
  'an in-stream server error by its type': {
    status: undefined,
    body: {
      error: { message: 'The server had an error while processing your request.', type: 'server_error' },
    },
    kind: ServerError,
    expected: {
      ...base,
      name: 'ServerError',
      message: 'The server had an error while processing your request.',
      type: 'server_error',
    },
  },
  'an in-stream content filter': {
    status: undefined,
    body: {
      error: {
        code: 'content_filter',
        message: 'Filtered.',
        innererror: { content_filter_result: AZURE_FILTER },
      },
    },
    kind: ContentFilterError,
    expected: {
      ...base,
      name: 'ContentFilterError',
      message: 'Filtered.',
      code: 'content_filter',
      results: AZURE_FILTER,
    },
  },
  'an in-stream flat body by the status it states': {
    status: undefined,
    body: { status: 429, code: 'too_busy', message: 'Slow down' },
    kind: RateLimitError,
    expected: {
      ...base,
      name: 'RateLimitError',
      message: '429 Too Many Requests: Slow down',
      status: 429,
      code: 'too_busy',
      retryAfterMs: undefined,
    },
  },
  'an in-stream error of an unknown kind as a plain ChatError': {
    status: undefined,
    body: { error: { message: 'Something odd happened', type: 'odd_error' } },
    kind: ChatError,
    expected: { ...base, name: 'ChatError', message: 'Something odd happened', type: 'odd_error' },
  },
  'an in-stream {error: "text"}': {
    status: undefined,
    body: { error: 'Overloaded' },
    kind: ChatError,
    expected: { ...base, name: 'ChatError', message: 'Overloaded' },
  },
  'an in-stream error with nothing to say': {
    status: undefined,
    body: {},
    kind: ChatError,
    expected: { ...base, name: 'ChatError', message: 'the stream reported an error' },
  },
}

describe('errorFromBody', () => {
  it.each(Object.entries(cases))('maps %s', (_, { status, body, headers, kind, expected }) => {
    const error = errorFromBody(status, body, headers === undefined ? undefined : new Headers(headers))
    expect(error).toBeInstanceOf(kind)
    expect(view(error)).toEqual(expected)
  })

  it('keeps the reply headers on the error', () => {
    const headers = new Headers({ 'x-request-id': 'req_1', 'x-ratelimit-remaining-requests': '0' })
    expect(errorFromBody(429, {}, headers).headers).toBe(headers)
  })

  it('prefers x-request-id, then apim-request-id, then x-ms-request-id', () => {
    const all = { 'x-request-id': 'a', 'apim-request-id': 'b', 'x-ms-request-id': 'c' }
    const sets: Record<string, string>[] = [
      all,
      { 'apim-request-id': 'b', 'x-ms-request-id': 'c' },
      { 'x-ms-request-id': 'c' },
    ]
    const ids = sets.map((headers) => errorFromBody(500, {}, new Headers(headers)).requestId)
    expect(ids).toEqual(['a', 'b', 'c'])
  })

  it('never carries a key the body echoes, in the message, the issues or JSON', () => {
    const key = '0123456789abcdef0123456789abcdef'
    const error = errorFromBody(400, {
      error: { message: `The api-key: ${key} is not valid for this resource`, param: `api-key=${key}` },
    })
    expect(view(error)).toEqual({
      ...base,
      name: 'InvalidRequestError',
      message: '400 Bad Request: The api-key: [redacted] is not valid for this resource',
      status: 400,
      path: 'api-key=[redacted]',
      issues: [
        { path: 'api-key=[redacted]', message: 'The api-key: [redacted] is not valid for this resource' },
      ],
    })
    expect(JSON.stringify(error)).not.toContain(key)
    expect(error.cause).toBeUndefined()
  })

  it('shortens a very long message', () => {
    const error = errorFromBody(400, { error: { message: 'x '.repeat(2000) } })
    expect(error.message.length).toBeLessThanOrEqual('400 Bad Request: '.length + 500)
    expect(error.message.endsWith('…')).toBe(true)
  })

  it('never repeats HTML even when it sits in a JSON message', () => {
    const error = errorFromBody(502, { message: '<html><body>Bad gateway from nginx</body></html>' })
    expect(error.message).toBe('502 Bad Gateway: no details in the reply')
  })
})

describe('errorFromBody of a relayed frame (`chatwire_error`, no HTTP status)', () => {
  const frame = (name: string, fields: Record<string, unknown> = {}) => ({
    error: { message: 'What the relay said', type: null, code: null, chatwire_error: name, ...fields },
  })

  it.each(
    [
      AbortError,
      AuthenticationError,
      ConnectionError,
      ContentFilterError,
      IncompleteStreamError,
      InvalidRequestError,
      MalformedStreamError,
      NotFoundError,
      RateLimitError,
      ServerError,
      TimeoutError,
    ].map((kind) => ({ kind })),
  )('gives back $kind.name whatever the status says, or when none does', ({ kind }) => {
    expect(errorFromBody(undefined, frame(kind.name)).constructor).toBe(kind)
    expect(errorFromBody(undefined, frame(kind.name, { status: 418 })).constructor).toBe(kind)
  })

  it('gives back a StreamLimitError as the MalformedStreamError it extends (its limits stay with the relay)', () => {
    expect(errorFromBody(undefined, frame('StreamLimitError')).constructor).toBe(MalformedStreamError)
  })

  it('keeps the path of an InvalidRequestError that failed validation before anything was sent', () => {
    const message = 'Invalid request: messages[0].role: Invalid option'
    const error = errorFromBody(undefined, {
      error: { message, param: 'messages[0].role', chatwire_error: 'InvalidRequestError' },
    })
    expect(view(error)).toEqual({
      ...base,
      name: 'InvalidRequestError',
      message,
      path: 'messages[0].role',
      issues: [{ path: 'messages[0].role', message }],
    })
  })

  it("keeps a ContentFilterError's verdicts and a RateLimitError's wait", () => {
    const results = { violence: { filtered: true, severity: 'high' } }
    const filtered = errorFromBody(undefined, {
      error: { message: 'Filtered', content_filter_results: results, chatwire_error: 'ContentFilterError' },
    })
    expect((filtered as ContentFilterError).results).toEqual(results)
    const limited = errorFromBody(
      undefined,
      frame('RateLimitError', { message: 'Please retry after 3 seconds' }),
    )
    expect((limited as RateLimitError).retryAfterMs).toBe(3000)
  })
})
