import type { Problem, ProblemReply } from '../problem.js'

export type DialectName = 'openai' | 'azure-openai' | 'model-inference'

/** How a dialect dresses chunks and completions; the content comes from the plan, the same for all. */
export interface EnvelopeStyle {
  /** Azure OpenAI opens a stream with a chunk that has no choices, only `prompt_filter_results`. */
  promptFilterChunk: boolean
  /** Azure OpenAI adds `content_filter_results` to every choice. */
  contentFilterResults: boolean
  /** OpenAI and Azure OpenAI number tool-call deltas; Model Inference sends each call whole, without `index`. */
  toolCallIndex: boolean
  /** Model Inference ends every stream with a usage chunk, asked for or not. */
  alwaysStreamUsage: boolean
}

/** What the request was for, where a problem's rendering depends on it (Azure quotes the api-version). */
export interface ProblemContext {
  apiVersion?: string | undefined
}

/** One of the three services the emulator speaks: its envelope, its headers and its error bodies. */
export interface Dialect {
  name: DialectName
  envelope: EnvelopeStyle
  /** The request-id headers every reply of this dialect carries. */
  requestIdHeaders(requestId: string): Record<string, string>
  render(problem: Problem, context: ProblemContext): ProblemReply
}
