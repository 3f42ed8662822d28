import type { ChatRequestFields } from '@chatwire/core'
import { cityProfileFormat } from './structured.js'

/** What the settings panel sets, read at every request. */
export interface Settings {
  dialect: 'openai' | 'azure' | 'inference'
  /** An id of the server's fault list, `''` for none. */
  fault: string
  reasoning: boolean
  structured: boolean
  tools: boolean
}

/** The settings a fresh page starts with. */
export const DEFAULT_SETTINGS: Settings = {
  dialect: 'openai',
  fault: '',
  reasoning: false,
  structured: false,
  tools: true,
}

/** The request fields the settings ask for (the server adds the model; the chat adds its tools). */
export function requestFields(settings: Settings): ChatRequestFields {
  return {
    ...(settings.structured ? { response_format: cityProfileFormat } : {}),
    ...(settings.reasoning ? { reasoning_effort: 'low' as const } : {}),
  }
}

/** The headers that tell the server route which dialect and fault to use. */
export function requestHeaders(settings: Settings): Record<string, string> {
  return {
    'x-demo-dialect': settings.dialect,
    ...(settings.fault === '' ? {} : { 'x-demo-fault': settings.fault }),
  }
}
