import {
  DEFAULT_DEPLOYMENTS,
  DEFAULT_INFERENCE_MODELS,
  DEFAULT_MODELS,
  type InferenceModel,
} from './catalog.js'
import { checkOptions } from './check-options.js'
import type { ServerFaults } from './faults/select.js'
import { checkFault, parseFault } from './faults/spec.js'
import type { ReplyScript } from './model/scripted.js'

/** How to start an emulator; every field has a default suited to tests (port 0, loopback). */
export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number | undefined
  /** `127.0.0.1` unless set; the emulator is meant for loopback. */
  host?: string | undefined
  /** Wait before every reply's headers. Default 0. */
  latencyMs?: number | undefined
  /** Wait between stream chunks. Default 10; tests pass 0. */
  tokenDelayMs?: number | undefined
  /** A fault for every request that does not choose its own (see `FAULTS`). */
  faults?: ServerFaults | undefined
  /** Honour the `x-emulator-fault` header and `[[fault:…]]` phrases. Default true. */
  requestFaults?: boolean | undefined
  /**
   * Answer a top-level request field no OpenAI-compatible service knows (`temprature`) with OpenAI's 400
   * "Unrecognized request argument supplied", on the OpenAI and Azure OpenAI routes. Default true; `false`
   * accepts any field (a host's extra the emulator does not list). Model Inference follows its
   * `extra-parameters` header instead.
   */
  strictRequests?: boolean | undefined
  /** The accepted keys and tokens; unset, any non-empty credential passes. */
  keys?: readonly string[] | undefined
  /** Ask for a credential at all. Default true. */
  requireAuth?: boolean | undefined
  /** Models of the OpenAI routes. */
  models?: readonly string[] | undefined
  /** Azure OpenAI deployments: name → the model version replies name. */
  deployments?: Readonly<Record<string, string>> | undefined
  /** Models of the Model Inference routes; the first is the default one. */
  inferenceModels?: readonly InferenceModel[] | undefined
  /** The largest request body accepted (413 beyond). Default 4 MiB. */
  maxBodyBytes?: number | undefined
  /** Streams served at once before new ones get a 429. Default 64. */
  maxConcurrentStreams?: number | undefined
  /** How long a `stall` fault keeps a connection silent before resetting it. Default 30 s. */
  stallMs?: number | undefined
  /** Answer CORS preflights and add CORS headers, for a browser demo on another port. Default true. */
  cors?: boolean | undefined
  /** Called once per finished request with a one-line summary (the CLI prints it). */
  log?: ((line: string) => void) | undefined
  /**
   * What the model answers, in place of its scripted reply: a text, `{ text, toolCalls, … }`, or a function
   * of the request returning one (or `undefined` for the scripted reply). Faults still apply.
   */
  reply?: ReplyScript | undefined
}

/** The options with their defaults: every one set, but for those that have none. */
export type ResolvedOptions = {
  [Name in Exclude<keyof EmulatorOptions, 'faults' | 'keys' | 'log' | 'reply'>]-?: Exclude<
    EmulatorOptions[Name],
    undefined
  >
} & Pick<EmulatorOptions, 'faults' | 'keys' | 'log'>

/** The options with their defaults; throws (naming the option) on one the emulator cannot start with. */
export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  checkOptions(options)
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    latencyMs: options.latencyMs ?? 0,
    tokenDelayMs: options.tokenDelayMs ?? 10,
    faults: checkedFaults(options.faults),
    requestFaults: options.requestFaults ?? true,
    strictRequests: options.strictRequests ?? true,
    keys: options.keys,
    requireAuth: options.requireAuth ?? true,
    models: options.models ?? DEFAULT_MODELS,
    deployments: options.deployments ?? DEFAULT_DEPLOYMENTS,
    inferenceModels: options.inferenceModels ?? DEFAULT_INFERENCE_MODELS,
    maxBodyBytes: options.maxBodyBytes ?? 4 * 1024 * 1024,
    maxConcurrentStreams: options.maxConcurrentStreams ?? 64,
    stallMs: options.stallMs ?? 30_000,
    cors: options.cors ?? true,
    log: options.log,
  }
}

/** A server-wide fault checked once, at start (a chooser's faults are checked per request). */
function checkedFaults(faults: ServerFaults | undefined): ServerFaults | undefined {
  if (typeof faults === 'string') return parseFault(faults)
  return typeof faults === 'object' ? checkFault(faults) : faults
}
