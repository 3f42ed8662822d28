import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')

// A user's program under `exactOptionalPropertyTypes`, where an optional field takes `undefined` only when its
// type says so: every option of the emulator is passed a value that may be undefined, as the SDK's take.
const PROGRAM = `
import { startEmulator, type EmulatorOptions, type InferenceModel, type ScriptedReply } from './index.js'
import { fault, faultHeaders, startTestEmulator, useEmulator, type TestHooks } from './testing.js'

declare const n: number | undefined
declare const s: string | undefined
declare const b: boolean | undefined
declare const list: readonly string[] | undefined
declare const log: ((line: string) => void) | undefined
declare const hooks: TestHooks

const options: EmulatorOptions = {
  port: n, host: s, latencyMs: n, tokenDelayMs: n, faults: undefined, requestFaults: b, strictRequests: b,
  keys: list, requireAuth: b, models: list, deployments: undefined, inferenceModels: undefined,
  maxBodyBytes: n, maxConcurrentStreams: n, stallMs: n, cors: b, log, reply: undefined,
}
const model: InferenceModel = { name: 'm', provider: 'p', type: s, reasons: b }
const reply: ScriptedReply = { text: s, toolCalls: [{ name: 'f', id: s }], refusal: s, reasoning: s }
export async function run() {
  const emulator = await startEmulator({ ...options, port: n, inferenceModels: [model], reply })
  emulator.scope({ id: s, reply: undefined })
  await startTestEmulator({ tokenDelayMs: n, latencyMs: n })
  useEmulator({ hooks: { ...hooks, beforeEach: undefined, afterEach: undefined } })
  useEmulator({ hooks: undefined, port: n })
  faultHeaders(fault('rate_limit', { retry_after_ms: n, retry_after: n, header: undefined, message_hint: b }), s)
  fault('server_error', { status: n, should_retry: b })
  fault('html_error', { status: n })
  fault('content_filter_prompt', { category: undefined, severity: undefined, variant: undefined })
  fault('content_filter_completion', { after: n, category: undefined })
  fault('latency', { ms: n })
  fault('slow', { ms: n })
  fault('reset_mid_stream', { after: n })
  fault('stall', { after: n, ms: n })
  fault('malformed_json', { after: n })
  fault('cut', { after: n })
  fault('error_event', { after: n, status: n })
  fault('error_payload', { after: n, status: n })
  fault('fail_then_succeed', { with: undefined, times: n, key: s })
}
`

/** The errors of {@link PROGRAM} compiled with the package's options and `exactOptionalPropertyTypes`. */
function errorsUnderExactOptional(): string[] {
  const configPath = join(packageDir, 'tsconfig.json')
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  )
  if (config === undefined) throw new Error('tsconfig.json does not parse')
  const options = { ...config.options, exactOptionalPropertyTypes: true, noEmit: true }
  const file = join(packageDir, 'src', 'exact-optional-user.ts')
  const host = ts.createCompilerHost(options)
  const getSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (name, language, ...rest) =>
    name === file ? ts.createSourceFile(name, PROGRAM, language) : getSourceFile(name, language, ...rest)
  const exists = host.fileExists.bind(host)
  host.fileExists = (name) => name === file || exists(name)
  const program = ts.createProgram([file], options, host)
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(file))
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
}

describe('the option types', () => {
  it('take undefined for every optional option under exactOptionalPropertyTypes, as the runtime does', () => {
    expect(errorsUnderExactOptional()).toEqual([])
  }, 60_000)
})
