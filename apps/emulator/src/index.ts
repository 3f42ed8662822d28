export type { InferenceModel } from './catalog.js'
export {
  AZURE_OPENAI_API_VERSIONS,
  DEFAULT_DEPLOYMENTS,
  DEFAULT_INFERENCE_MODELS,
  DEFAULT_MODELS,
  MODEL_INFERENCE_API_VERSIONS,
} from './catalog.js'
export type { ChatRequestView, MessageView } from './chat-request.js'
export type { DialectName } from './dialects/dialect.js'
export { DROPPED_HEADER, PASSED_HEADER } from './extra-parameters.js'
export { FAULTS, type FaultName } from './faults/catalog.js'
export {
  FAULT_HEADER,
  FAULT_KEY_HEADER,
  type FaultRequestInfo,
  type RequestHeaders,
  type ServerFaults,
} from './faults/select.js'
export { FAULT_PHRASE, type FaultSpec, formatFault, parseFault } from './faults/spec.js'
export type { ReplyRequest, ReplyScript, ScriptedReply, ScriptedToolCall } from './model/scripted.js'
export type { EmulatorOptions } from './options.js'
export { RECORDED_BODY_BYTES, RECORDED_REQUESTS } from './request-record.js'
export { ROUTES } from './routes.js'
export { SCOPE_HEADER } from './scope-header.js'
export {
  type Emulator,
  type EmulatorScope,
  type RequestRecord,
  type ScopeOptions,
  startEmulator,
} from './server.js'
