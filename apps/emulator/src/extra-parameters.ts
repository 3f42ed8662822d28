import { MODEL_INFERENCE_PARAMETERS } from './catalog.js'
import type { Problem } from './problem.js'

const MODES = ['error', 'drop', 'pass-through'] as const

/** The reply headers that show a test what happened to the extra parameters. */
export const DROPPED_HEADER = 'x-emulator-dropped-parameters'
export const PASSED_HEADER = 'x-emulator-passed-parameters'

/**
 * Model Inference's `extra-parameters` header, applied to a request body: `error` (the default) rejects
 * fields the API does not define with a 422 that names them, `drop` removes them, `pass-through` keeps
 * them for the model. The names dropped or passed are reported in a reply header.
 */
export function applyExtraParameters(
  body: Record<string, unknown>,
  header: string | undefined,
): { body: Record<string, unknown>; headers: Record<string, string> } | { problem: Problem } {
  const mode = (header ?? 'error').trim().toLowerCase()
  if (!MODES.some((known) => known === mode))
    return { problem: { kind: 'extra_parameters_mode', value: header ?? '' } }
  const extra = Object.keys(body).filter((key) => !MODEL_INFERENCE_PARAMETERS.has(key))
  if (extra.length === 0) return { body, headers: {} }
  if (mode === 'error') return { problem: { kind: 'extra_parameters', names: extra } }
  if (mode === 'pass-through') return { body, headers: { [PASSED_HEADER]: extra.join(',') } }
  const kept = Object.fromEntries(Object.entries(body).filter(([key]) => MODEL_INFERENCE_PARAMETERS.has(key)))
  return { body: kept, headers: { [DROPPED_HEADER]: extra.join(',') } }
}
