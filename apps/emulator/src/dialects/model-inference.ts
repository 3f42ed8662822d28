import { quotable, quotedList, quoteOr } from '../client-names.js'
import { jsonReply, type Problem, type ProblemReply } from '../problem.js'
import { azureError, renderAzureCommon } from './azure-errors.js'
import type { Dialect } from './dialect.js'

/** The flat body Model Inference answers bad requests with: `{status, code, message, detail}`. */
function flat(status: number, code: string, message: string, detail: unknown): ProblemReply {
  return jsonReply(status, { status, code, message, detail })
}

/** One offending field gives `detail` as an object, several give a list (clients must read both). */
function detailOf(items: readonly Record<string, unknown>[]): unknown {
  return items.length === 1 ? items[0] : items
}

function render(problem: Problem): ProblemReply {
  const common = renderAzureCommon(problem, 'chat completions operation of Azure AI Model Inference')
  if (common !== undefined) return common
  switch (problem.kind) {
    case 'invalid_json':
      return flat(400, 'invalid_json', 'The request body is not valid JSON.', problem.detail)
    case 'invalid_request':
      return flat(
        422,
        'invalid_value',
        'One of the parameters contain invalid values.',
        detailOf(
          problem.issues.map((issue) => ({
            loc: ['body', ...locOf(issue.path)],
            msg: issue.message,
          })),
        ),
      )
    case 'extra_parameters': {
      const list = quotedList(problem.names, (name) => `'${name}'`)
      return flat(
        422,
        'extra_parameters_not_allowed',
        `Extra parameters [${list}] are not allowed when extra-parameters is not set or set to be 'error'. Set extra-parameters to 'pass-through' to pass them to the model, or to 'drop' to ignore them.`,
        detailOf(
          problem.names
            .filter(quotable)
            .map((name) => ({ loc: ['body', name], msg: 'Extra parameter not allowed' })),
        ),
      )
    }
    case 'extra_parameters_mode':
      return flat(
        400,
        'invalid_header',
        `Unexpected extra-parameters option${quoteOr(problem.value, (value) => ` ${value}`, '')}; expected one of 'error', 'drop', 'pass-through'.`,
        { loc: ['header', 'extra-parameters'], ...(quotable(problem.value) && { input: problem.value }) },
      )
    case 'model_not_found':
    case 'deployment_not_found': {
      const name = problem.kind === 'model_not_found' ? problem.model : problem.deployment
      const message = `Unknown model${quoteOr(name, (shown) => `: ${shown}`, ' (the name given is not shown)')}`
      return azureError(404, 'unknown_model', message, { details: message })
    }
    case 'api_version_missing':
      return azureError(
        400,
        'MissingApiVersionParameter',
        'The api-version query parameter (?api-version=) is required for all requests.',
      )
    default:
      return azureError(400, 'BadRequest', 'The request is not valid.')
  }
}

/** Azure AI Model Inference: `/chat/completions?api-version=` and `/info` (also under `/models`). */
export const modelInference: Dialect = {
  name: 'model-inference',
  envelope: {
    promptFilterChunk: false,
    contentFilterResults: false,
    toolCallIndex: false,
    alwaysStreamUsage: true,
  },
  requestIdHeaders: (requestId) => ({ 'x-request-id': requestId, 'apim-request-id': requestId }),
  render,
}

/** `messages[0].role` as FastAPI writes it in a `loc`: `['messages', 0, 'role']`, indices as numbers. */
function locOf(path: string): (string | number)[] {
  return path
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part))
}
