import {
  filterResults,
  htmlErrorPage,
  jsonReply,
  type Problem,
  type ProblemReply,
  retryHeaders,
} from '../problem.js'

/** `{error: {code, message, …}}`, the wrapped error body of Azure's front door (auth, quota, routing). */
export function azureError(
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): ProblemReply {
  return jsonReply(status, { error: { code, message, ...extra } }, headers)
}

const UNAUTHORIZED =
  'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.'

/**
 * The problems both Azure dialects answer alike: auth, quota, server errors, the prompt content filter,
 * body size and routing. `undefined` for the ones each dialect words its own way.
 */
export function renderAzureCommon(problem: Problem, operation: string): ProblemReply | undefined {
  switch (problem.kind) {
    case 'unauthorized':
      return azureError(401, '401', UNAUTHORIZED)
    case 'rate_limit': {
      const seconds = Math.ceil(problem.retryAfterMs / 1000)
      const hint = problem.hintInMessage === false ? '' : ` Please retry after ${seconds} seconds.`
      const message =
        problem.cause === 'concurrency'
          ? `Too many concurrent requests to the emulator.${hint}`
          : `Requests to the ${operation} have exceeded the rate limit of the emulated pricing tier.${hint}`
      return azureError(
        429,
        '429',
        message,
        {},
        retryHeaders(problem.retryAfterMs, problem.headers ?? ['retry-after', 'x-ms-retry-after-ms']),
      )
    }
    case 'server_error':
      return azureError(
        problem.status,
        problem.status === 503 ? 'ServiceUnavailable' : 'InternalServerError',
        'The server had an error while processing your request. Sorry about that!',
        { status: problem.status },
      )
    case 'html_error':
      return htmlErrorPage(problem.status)
    case 'content_filter_prompt': {
      const results = filterResults(problem.category, problem.severity, true)
      const inner =
        problem.variant === 'inner_error'
          ? { inner_error: { code: 'ResponsibleAIPolicyViolation', content_filter_results: results } }
          : { innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: results } }
      return jsonReply(400, {
        error: {
          message: `The response was filtered because the prompt triggered the emulated content management policy (${problem.category}). Please modify your prompt and retry.`,
          type: null,
          param: 'prompt',
          code: 'content_filter',
          status: 400,
          ...inner,
        },
      })
    }
    case 'body_too_large':
      return azureError(
        413,
        'RequestEntityTooLarge',
        `The request body is larger than ${problem.limit} bytes.`,
      )
    case 'route_not_found':
      return azureError(404, '404', 'Resource not found')
    case 'method_not_allowed':
      return azureError(
        405,
        '405',
        `Method not allowed; use ${problem.allowed.join(', ')}.`,
        {},
        { allow: problem.allowed.join(', ') },
      )
    case 'api_version_unsupported':
      return azureError(400, 'BadRequest', 'API version not supported')
    default:
      return undefined
  }
}
