import { quotable, quotedList, quoteOr } from '../client-names.js'
import { htmlErrorPage, jsonReply, type Problem, type ProblemReply, retryHeaders } from '../problem.js'
import type { Dialect } from './dialect.js'

interface OpenAIError {
  message: string
  type: string | null
  param: string | null
  code: string | null
}

function error(status: number, fields: OpenAIError, headers: Record<string, string> = {}): ProblemReply {
  return jsonReply(status, { error: fields }, headers)
}

const invalid = (message: string, param: string | null = null, code: string | null = null): OpenAIError => ({
  message,
  type: 'invalid_request_error',
  param,
  code,
})

/**
 * OpenAI's words without the masked key it quotes (`sk-abc***1234`): even a fragment of a credential is not
 * echoed, and the fix is said instead.
 */
const INCORRECT_KEY =
  'Incorrect API key provided. Send one of the keys the emulator was started with (its `keys` option, `--key`), or start it without keys to accept any.'

/**
 * `{error: {message, type, param, code}}`, the OpenAI error body. Azure OpenAI answers request-validation
 * errors in this shape too, so it renders those through here.
 */
export function renderOpenAIProblem(problem: Problem): ProblemReply {
  switch (problem.kind) {
    case 'unauthorized':
      return problem.reason === 'missing'
        ? error(
            401,
            invalid("You didn't provide an API key. Send it in an Authorization header: Bearer YOUR_KEY."),
          )
        : error(401, invalid(INCORRECT_KEY, null, 'invalid_api_key'))
    case 'invalid_json':
      return error(400, invalid(`We could not parse the JSON body of your request: ${problem.detail}`))
    case 'invalid_request': {
      const first = problem.issues[0]
      return error(400, invalid(problem.message, first?.path ?? null, 'invalid_value'))
    }
    case 'model_not_found':
    case 'deployment_not_found': {
      const name = problem.kind === 'model_not_found' ? problem.model : problem.deployment
      return error(
        404,
        invalid(
          `The model ${quoteOr(name, (shown) => `\`${shown}\``, 'given')} does not exist or you do not have access to it.`,
          null,
          'model_not_found',
        ),
      )
    }
    case 'api_version_missing':
    case 'api_version_unsupported':
      return error(400, invalid('This route does not take an api-version.', 'api-version'))
    case 'extra_parameters': {
      // OpenAI's words, then how to get past them: a host's own extra the emulator does not list.
      const words = problem.names.length === 1 ? 'argument' : 'arguments'
      return error(
        400,
        invalid(
          `Unrecognized request ${words} supplied: ${quotedList(problem.names, (name) => name)}. (The emulator takes any field when started with strictRequests: false, or --loose-requests.)`,
          problem.names.find(quotable) ?? null,
          'unknown_parameter',
        ),
      )
    }
    case 'extra_parameters_mode':
      return error(
        400,
        invalid(
          `Unknown extra-parameters value${quoteOr(problem.value, (value) => `: ${value}`, '')}`,
          'extra-parameters',
        ),
      )
    case 'rate_limit': {
      const seconds = (problem.retryAfterMs / 1000).toFixed(3).replace(/\.?0+$/, '')
      const hint = problem.hintInMessage === false ? '' : ` Please try again in ${seconds}s.`
      const message =
        problem.cause === 'concurrency'
          ? `Too many concurrent requests.${hint}`
          : `Rate limit reached for requests on the emulator.${hint}`
      return error(
        429,
        { message, type: 'requests', param: null, code: 'rate_limit_exceeded' },
        {
          ...retryHeaders(problem.retryAfterMs, problem.headers ?? ['retry-after', 'retry-after-ms']),
          'x-ratelimit-limit-requests': '60',
          'x-ratelimit-remaining-requests': '0',
          'x-ratelimit-reset-requests': `${seconds}s`,
        },
      )
    }
    case 'server_error':
      return error(problem.status, {
        message:
          problem.status === 503
            ? 'The engine is currently overloaded, please try again later.'
            : 'The server had an error while processing your request. Sorry about that!',
        type: 'server_error',
        param: null,
        code: null,
      })
    case 'html_error':
      return htmlErrorPage(problem.status)
    case 'content_filter_prompt':
      return error(
        400,
        invalid(
          `The prompt was flagged by the content policy (${problem.category}).`,
          'prompt',
          'content_filter',
        ),
      )
    case 'body_too_large':
      return error(
        413,
        invalid(`The request body is larger than ${problem.limit} bytes.`, null, 'request_too_large'),
      )
    case 'route_not_found':
      return error(404, invalid(`Invalid URL (${problem.method} ${problem.path})`))
    case 'method_not_allowed':
      return error(405, invalid(`Method not allowed; use ${problem.allowed.join(', ')}.`), {
        allow: problem.allowed.join(', '),
      })
  }
}

/** OpenAI's `/v1` API. */
export const openai: Dialect = {
  name: 'openai',
  envelope: {
    promptFilterChunk: false,
    contentFilterResults: false,
    toolCallIndex: true,
    alwaysStreamUsage: false,
  },
  requestIdHeaders: (requestId) => ({ 'x-request-id': requestId }),
  render: renderOpenAIProblem,
}
