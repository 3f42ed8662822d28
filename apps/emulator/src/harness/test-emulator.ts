import type { EmulatorOptions } from '../options.js'
import { type Emulator, type EmulatorScope, type ScopeOptions, startEmulator } from '../server.js'

/** The hooks of a test runner (vitest's and jest's have these names and shapes). */
export interface TestHooks {
  beforeAll(run: () => Promise<void>): void
  afterAll(run: () => Promise<void>): void
  /**
   * When given, the emulator's request log and fail-then-succeed counters are reset before each test that
   * starts while no other test of the file runs (so concurrent tests do not wipe each other's state).
   */
  beforeEach?: ((run: () => undefined | (() => void)) => void) | undefined
  /** Notes the end of a test; without it, `beforeEach`'s cleanup function does (vitest calls it). */
  afterEach?: ((run: () => void) => void) | undefined
}

/** Options of {@link useEmulator}: the emulator's, and the runner's hooks. */
export interface UseEmulatorOptions extends EmulatorOptions {
  /**
   * The runner's hooks; by default the global `beforeAll` / `afterAll` / `beforeEach` / `afterEach` (jest,
   * vitest with `globals: true`). With vitest's imports: `useEmulator({ hooks: { beforeAll, afterAll, beforeEach } })`.
   */
  hooks?: TestHooks | undefined
}

/** Where each dialect of a running emulator is, in the shape each chatwire adapter takes. */
export interface EmulatorConnections {
  /** For `createOpenAI({ ...openai })`; its records have `dialect: 'openai'`. */
  openai: { baseURL: string; apiKey: string; headers?: Record<string, string> }
  /** For `createAzureOpenAI({ ...azureOpenAI, deployment: 'gpt-4o-mini' })`; records: `'azure-openai'`. */
  azureOpenAI: { endpoint: string; apiKey: string; headers?: Record<string, string> }
  /** For `createAzureInference({ ...azureInference })`; records: `'model-inference'`. */
  azureInference: { endpoint: string; apiKey: string; headers?: Record<string, string> }
}

/**
 * A test's scope of a {@link TestEmulator}: connections that send its `x-emulator-scope` header, and the
 * records, counters and scripted reply of those requests alone.
 */
export interface TestScope extends EmulatorScope, EmulatorConnections {}

/** A test's emulator: the running server plus the options each adapter needs to reach it. */
export interface TestEmulator extends Emulator, EmulatorConnections {
  /** A new scope, with its own connections: `createOpenAI(emulator.scope().openai)`. */
  scope(options?: ScopeOptions): TestScope
}

/** The key every dialect's connection sends; the emulator accepts any non-empty key unless `keys` is set. */
export const TEST_API_KEY = 'sk-emulator-test'

/**
 * Starts an emulator for tests: a free port on loopback, no pacing between chunks (streams are instant), and
 * each dialect's connection options. Close it with `close()`.
 */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ port: 0, tokenDelayMs: 0, ...options })
  const apiKey = options.keys?.[0] ?? TEST_API_KEY
  const connections = (headers?: Record<string, string>): EmulatorConnections => {
    const extra = headers === undefined ? {} : { headers }
    return {
      openai: { baseURL: `${emulator.url}/v1`, apiKey, ...extra },
      azureOpenAI: { endpoint: emulator.url, apiKey, ...extra },
      azureInference: { endpoint: emulator.url, apiKey, ...extra },
    }
  }
  const scopeOf = emulator.scope.bind(emulator)
  return Object.assign(emulator, connections(), {
    scope(scopeOptions?: ScopeOptions): TestScope {
      const scope = scopeOf(scopeOptions)
      return Object.assign(scope, connections({ ...scope.headers }))
    },
  })
}

/**
 * Starts an emulator before a test file's tests and closes it after them; before a test that starts while no
 * other runs, its request log and counters are reset. Tests that run at once (`describe.concurrent`) each
 * take a `current.scope()`. Read it through `.current` once the tests run.
 *
 * @example
 * const emulator = useEmulator({ hooks: { beforeAll, afterAll, beforeEach } })
 * it('streams', async () => {
 *   const openai = createOpenAI(emulator.current.openai)
 * })
 */
export function useEmulator(options: UseEmulatorOptions = {}): { readonly current: TestEmulator } {
  const { hooks = globalHooks(), ...emulatorOptions } = options
  let running: TestEmulator | undefined
  hooks.beforeAll(async () => {
    running = await startTestEmulator(emulatorOptions)
  })
  hooks.afterAll(async () => {
    await running?.close()
    running = undefined
  })
  // A test that starts while others run (describe.concurrent) must not reset what they are counting.
  let runningTests = 0
  const ended = (): void => {
    runningTests--
  }
  hooks.afterEach?.(ended)
  hooks.beforeEach?.(() => {
    if (runningTests++ === 0) running?.reset()
    return hooks.afterEach === undefined ? ended : undefined
  })
  return {
    get current(): TestEmulator {
      if (running === undefined)
        throw new Error('The emulator runs only inside the tests of the file that uses it')
      return running
    },
  }
}

function globalHooks(): TestHooks {
  const scope = globalThis as Partial<TestHooks>
  if (typeof scope.beforeAll !== 'function' || typeof scope.afterAll !== 'function') {
    throw new TypeError(
      "No global beforeAll/afterAll: pass your runner's, as in useEmulator({ hooks: { beforeAll, afterAll, beforeEach } })",
    )
  }
  return {
    beforeAll: scope.beforeAll,
    afterAll: scope.afterAll,
    ...(typeof scope.beforeEach === 'function' ? { beforeEach: scope.beforeEach } : {}),
    ...(typeof scope.afterEach === 'function' ? { afterEach: scope.afterEach } : {}),
  }
}
