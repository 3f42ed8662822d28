/**
 * A module (or any value) loaded on first use and then kept: later uses read `current` and make no `import()`,
 * which would cost a module-map lookup and several turns of the microtask queue each time (and a round trip to
 * the hooks' thread under a module loader).
 */
export interface Lazy<T> {
  /** The value, once loaded. */
  readonly current: T | undefined
  /**
   * Loads it, once: every call gets the same promise until it settles. A load that failed (a chunk of the app
   * that did not arrive) is not kept: the next call tries again, as the client's own lazy loads do.
   */
  load(): Promise<T>
}

/** A {@link Lazy} of what `load` gives (`() => import('./module.js')`). */
export function lazy<T>(load: () => Promise<T>): Lazy<T> {
  let current: T | undefined
  let loading: Promise<T> | undefined
  return {
    get current() {
      return current
    },
    load: () => {
      loading ??= load().then(
        (value) => {
          current = value
          return value
        },
        (error: unknown) => {
          loading = undefined
          throw error
        },
      )
      return loading
    },
  }
}
