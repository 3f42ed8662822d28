import type { Problem, ProblemReply } from '../problem.js'
import { azureError, renderAzureCommon } from './azure-errors.js'
import type { Dialect, ProblemContext } from './dialect.js'
import { renderOpenAIProblem } from './openai.js'

function render(problem: Problem, context: ProblemContext): ProblemReply {
  const operation = `ChatCompletions_Create Operation under Azure OpenAI API version ${context.apiVersion ?? 'v1'}`
  const common = renderAzureCommon(problem, operation)
  if (common !== undefined) return common
  switch (problem.kind) {
    case 'deployment_not_found':
    case 'model_not_found':
      return azureError(
        404,
        'DeploymentNotFound',
        'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
      )
    case 'api_version_missing':
      return azureError(404, '404', 'Resource not found')
    default:
      // Request validation is done by the model service behind Azure, which answers in OpenAI's shape.
      return renderOpenAIProblem(problem)
  }
}

/** Azure OpenAI: `/openai/deployments/{deployment}/chat/completions?api-version=` and `/openai/v1`. */
export const azureOpenAI: Dialect = {
  name: 'azure-openai',
  envelope: {
    promptFilterChunk: true,
    contentFilterResults: true,
    toolCallIndex: true,
    alwaysStreamUsage: false,
  },
  requestIdHeaders: (requestId) => ({ 'x-request-id': requestId, 'apim-request-id': requestId }),
  render,
}
