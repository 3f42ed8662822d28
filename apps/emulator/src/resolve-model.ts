import type { ChatRequestView } from './chat-request.js'
import type { ResolvedOptions } from './options.js'
import type { Problem } from './problem.js'
import type { Route } from './routes.js'

type ChatRoute = Extract<Route, { kind: 'chat' }>

/** The model a chat request reaches: the name its replies carry, and whether it reasons unasked. */
export interface Target {
  model: string
  reasons: boolean
}

/**
 * Finds the model: OpenAI's `model` among the served models; an Azure deployment (from the URL, or from
 * `model` on the v1 route) among the deployments; a Model Inference `model`, or the endpoint's default.
 */
export function resolveModel(
  route: ChatRoute,
  request: ChatRequestView,
  options: ResolvedOptions,
): Target | Problem {
  switch (route.dialect) {
    case 'openai': {
      if (request.model === undefined) return missingModel()
      return options.models.includes(request.model)
        ? { model: request.model, reasons: false }
        : { kind: 'model_not_found', model: request.model }
    }
    case 'azure-openai': {
      const deployment = route.deployment ?? request.model
      if (deployment === undefined) return missingModel()
      const model = options.deployments[deployment]
      return model === undefined ? { kind: 'deployment_not_found', deployment } : { model, reasons: false }
    }
    case 'model-inference': {
      const wanted = request.model?.toLowerCase()
      const found =
        wanted === undefined
          ? options.inferenceModels[0]
          : options.inferenceModels.find((model) => model.name.toLowerCase() === wanted)
      if (found === undefined) return { kind: 'model_not_found', model: request.model ?? '' }
      return { model: found.name, reasons: found.reasons === true }
    }
  }
}

function missingModel(): Problem {
  return {
    kind: 'invalid_request',
    message: 'You must provide a model parameter.',
    issues: [{ path: 'model', message: 'Missing required field' }],
  }
}

export function isProblem(value: Target | Problem): value is Problem {
  return 'kind' in value
}
