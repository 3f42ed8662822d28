// @chatwire/emulator/testing: the emulator in a user's own tests, with typed faults.

export type { ChatRequestView, MessageView } from './chat-request.js'
export type { DialectName } from './dialects/dialect.js'
export { FAULTS, type FaultName } from './faults/catalog.js'
export {
  FAULT_HEADER,
  FAULT_KEY_HEADER,
  type FaultRequestInfo,
  type RequestHeaders,
  type ServerFaults,
} from './faults/select.js'
export type { FaultSpec } from './faults/spec.js'
export {
  type EveryFaultParameters,
  type FaultCategory,
  type FaultParameters,
  fault,
  faultHeaders,
  type RetryHeaderName,
} from './harness/fault-builders.js'
export {
  type EmulatorConnections,
  startTestEmulator,
  TEST_API_KEY,
  type TestEmulator,
  type TestHooks,
  type TestScope,
  type UseEmulatorOptions,
  useEmulator,
} from './harness/test-emulator.js'
export type { ReplyRequest, ReplyScript, ScriptedReply, ScriptedToolCall } from './model/scripted.js'
export type { EmulatorOptions } from './options.js'
export { RECORDED_BODY_BYTES, RECORDED_REQUESTS } from './request-record.js'
export { SCOPE_HEADER } from './scope-header.js'
export type { Emulator, EmulatorScope, RequestRecord, ScopeOptions } from './server.js'
