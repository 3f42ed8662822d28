// @chatwire/emulator/testing: the emulator in a user's own tests, with typed faults.
export type { DialectName } from './dialects/dialect.js'
export { FAULTS, type FaultName } from './faults/catalog.js'
export { FAULT_HEADER, FAULT_KEY_HEADER } from './faults/select.js'
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
  type UseEmulatorOptions,
  useEmulator,
} from './harness/test-emulator.js'
export type { EmulatorOptions } from './options.js'
export type { Emulator, RequestRecord } from './server.js'
