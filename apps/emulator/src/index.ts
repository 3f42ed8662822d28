export type { InferenceModel } from './catalog.js'
export {
  AZURE_OPENAI_API_VERSIONS,
  DEFAULT_DEPLOYMENTS,
  DEFAULT_INFERENCE_MODELS,
  DEFAULT_MODELS,
  MODEL_INFERENCE_API_VERSIONS,
} from './catalog.js'
export type { DialectName } from './dialects/dialect.js'
export { DROPPED_HEADER, PASSED_HEADER } from './extra-parameters.js'
export { FAULTS, type FaultName } from './faults/catalog.js'
export { FAULT_HEADER, FAULT_KEY_HEADER, type FaultRequestInfo, type ServerFaults } from './faults/select.js'
export { FAULT_PHRASE, type FaultSpec, formatFault, parseFault } from './faults/spec.js'
export type { EmulatorOptions } from './options.js'
export { ROUTES } from './routes.js'
export { type Emulator, type RequestRecord, startEmulator } from './server.js'
