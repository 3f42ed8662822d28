// Its own entry (`@chatwire/testkit/per-file`): the index reads fixture files, which a DOM test environment cannot.
/** The hooks of the test runner in use (vitest's, jest's): testkit imports no runner. */
export interface FileHooks {
  beforeAll(run: () => unknown): void
  afterAll(run: () => unknown): void
  beforeEach(run: () => unknown): void
}

/** How to start, reset and close what a test file shares. */
export interface PerFile<T> {
  start(): Promise<T>
  /** Before each test. */
  reset(value: T): void
  close(value: T): unknown
}

/**
 * What a test file shares (a server), declared once at its top: started before its tests, reset before each,
 * closed after them. The value returned stands for the started one: each property read reads it, and its
 * methods run on it; read before the start, it throws.
 */
export function perFile<T extends object>(hooks: FileHooks, parts: PerFile<T>): T {
  let current: T | undefined
  hooks.beforeAll(async () => {
    current = await parts.start()
  })
  hooks.afterAll(() => current !== undefined && parts.close(current))
  hooks.beforeEach(() => current !== undefined && parts.reset(current))
  return new Proxy({} as T, {
    get(_target, key) {
      if (current === undefined) throw new Error(`read ${String(key)} before the file's beforeAll started it`)
      const value = Reflect.get(current, key, current)
      return typeof value === 'function' ? value.bind(current) : value
    },
  })
}
